import { dbDate, type Db } from '../../../db/orm.js';
import type { PurgeableCounts } from '../purgeable-counts.js';
import type { StoreWindow } from './count-rows.js';

export interface RolledUpDay extends PurgeableCounts {
  startsAt: Date;
  endsAt: Date;
}

/** The rolled-up days that lie wholly inside the window, in time order. */
export async function readUsageDays(em: Db, window: StoreWindow): Promise<RolledUpDay[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `select starts_at, ends_at, api_requests, webhook_deliveries_succeeded, webhook_deliveries_failed from usage_days
      where store_id = ? and livemode = ? and starts_at >= ? and ends_at <= ?
      order by starts_at`,
    [window.storeId, window.livemode, dbDate(em, window.from), dbDate(em, window.to)],
  );
  return rows.map((row) => ({
    // Epoch milliseconds on SQLite, timestamptz text on PostgreSQL: Date reads both.
    startsAt: new Date(row.starts_at as number | string),
    endsAt: new Date(row.ends_at as number | string),
    apiRequests: Number(row.api_requests),
    deliveriesSucceeded: Number(row.webhook_deliveries_succeeded),
    deliveriesFailed: Number(row.webhook_deliveries_failed),
  }));
}
