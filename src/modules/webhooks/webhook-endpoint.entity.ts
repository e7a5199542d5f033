import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';

export const ENDPOINT_STATUSES = ['enabled', 'disabled'] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

/** Where a store wants its events, and the secrets that sign them (sealed with the master key). */
export const WebhookEndpointSchema = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoints',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    url: p.text(),
    description: p.text().nullable(),
    enabledEvents: p.json<string[]>(),
    status: p.enum([...ENDPOINT_STATUSES]).default('enabled'),
    disabledReason: p.string().nullable(),
    secretCiphertext: p.text(),
    secretKeyVersion: p.string().length(16),
    /** After a rotation, the old secret keeps signing until this time. */
    previousSecretCiphertext: p.text().nullable(),
    previousSecretKeyVersion: p.string().length(16).nullable(),
    previousSecretExpiresAt: p.datetime().nullable(),
    lastSuccessAt: p.datetime().nullable(),
    /** First failure since the last success: five days of only failures disables the endpoint. */
    failingSince: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
  indexes: [{ properties: ['store', 'livemode', 'status'] }],
  filters: tenantFilter,
});

export type WebhookEndpoint = InferEntity<typeof WebhookEndpointSchema>;
