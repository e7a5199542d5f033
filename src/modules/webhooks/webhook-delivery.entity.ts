import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';

export const DELIVERY_TRIGGERS = ['scheduled', 'manual', 'replay'] as const;
export type DeliveryTrigger = (typeof DELIVERY_TRIGGERS)[number];

/** One attempt to deliver one event to one endpoint, whatever came of it. */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_deliveries',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    endpointId: p.string(),
    eventId: p.string().index(),
    attempt: p.integer(),
    trigger: p.enum([...DELIVERY_TRIGGERS]),
    status: p.enum(['succeeded', 'failed']),
    statusCode: p.integer().nullable(),
    durationMs: p.integer(),
    responseExcerpt: p.text().nullable(),
    errorClass: p.string().nullable(),
    error: p.text().nullable(),
    nextAttemptAt: p.datetime().nullable(),
    startedAt: p.datetime(),
  }),
  indexes: [{ properties: ['endpointId', 'id'] }, { properties: ['store', 'livemode', 'status'] }],
  filters: tenantFilter,
});

export type WebhookDelivery = InferEntity<typeof WebhookDeliverySchema>;
