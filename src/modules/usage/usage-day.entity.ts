import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';

/**
 * One local day of a store in one mode, rolled up from the rows that are purged after their
 * retention: API requests (activity_log) and webhook delivery attempts. Counted once the day is
 * over and never changed, so a month stays countable after its rows are gone. Everything else
 * usage reports is counted from its own table, which is kept.
 */
export const UsageDaySchema = defineEntity({
  name: 'UsageDay',
  tableName: 'usage_days',
  properties: (p) => ({
    store: p.manyToOne(StoreSchema).primary(),
    livemode: p.boolean().primary(),
    /** The local midnight the day began at, in the store's time zone when it was rolled up. */
    startsAt: p.datetime().primary(),
    endsAt: p.datetime(),
    apiRequests: p.integer(),
    webhookDeliveriesSucceeded: p.integer(),
    webhookDeliveriesFailed: p.integer(),
    rolledUpAt: p.datetime(),
  }),
});

export type UsageDay = InferEntity<typeof UsageDaySchema>;
