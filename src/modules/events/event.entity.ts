import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';

/** Something that happened to a store's data, written in the transaction that made it happen. */
export const EventSchema = defineEntity({
  name: 'Event',
  tableName: 'events',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    type: p.string().length(64),
    /** `{object, previous_attributes?}` exactly as webhooks and the API show it. */
    data: p.json<{ object: Record<string, unknown>; previous_attributes?: Record<string, unknown> }>(),
    requestId: p.string().nullable(),
    orderId: p.string().nullable(),
    paymentId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
  // Each list and filter walks one of these in id order (migration 17).
  indexes: [
    { properties: ['store', 'livemode', 'id'] },
    { properties: ['store', 'livemode', 'type', 'id'] },
    { properties: ['store', 'livemode', 'orderId', 'id'] },
    { properties: ['store', 'livemode', 'paymentId', 'id'] },
  ],
  filters: tenantFilter,
});

export type Event = InferEntity<typeof EventSchema>;
