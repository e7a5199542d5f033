import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';

export const NOTIFICATION_STATUSES = ['received', 'processed', 'ignored', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * A provider's notification exactly as it reached /hooks, stored before it is acknowledged:
 * the evidence of what the provider told us and when, and the input of the job that acts on
 * it. Not scoped to a mode: the URL names only the store, and the mode is learnt when the
 * resource is read back.
 */
export const ProviderNotificationSchema = defineEntity({
  name: 'ProviderNotification',
  tableName: 'provider_notifications',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    provider: p.string().length(32),
    format: p.enum(['webhook', 'ipn']),
    topic: p.string().length(64),
    action: p.string().length(64).nullable(),
    resourceId: p.string().nullable(),
    providerRequestId: p.string().nullable(),
    signature: p.enum(['valid', 'unsigned']),
    query: p.text(),
    body: p.text(),
    status: p.enum([...NOTIFICATION_STATUSES]).default('received'),
    outcome: p.text().nullable(),
    receivedAt: p.datetime(),
    processedAt: p.datetime().nullable(),
  }),
  indexes: [{ properties: ['store', 'receivedAt'] }, { properties: ['store', 'resourceId', 'status', 'receivedAt'] }],
});

export type ProviderNotification = InferEntity<typeof ProviderNotificationSchema>;
