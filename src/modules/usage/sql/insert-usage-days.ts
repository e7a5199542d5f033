import { dbDate, type Db } from '../../../db/orm.js';
import { multiRowInsert } from '../../../db/multi-row-insert.js';
import type { RolledUpDay } from './read-usage-days.js';

const COLUMNS = [
  'store_id',
  'livemode',
  'starts_at',
  'ends_at',
  'api_requests',
  'webhook_deliveries_succeeded',
  'webhook_deliveries_failed',
  'rolled_up_at',
] as const;

/** Rows per statement: 8 columns keeps it far below SQLite's 32,766 bound parameters. */
const BATCH = 500;

export type UsageDayRow = RolledUpDay & { storeId: string; livemode: boolean };

/**
 * Writes rolled-up days. A day another instance rolled up meanwhile is left as it is: both
 * counted the same rows.
 */
export async function insertUsageDays(em: Db, days: UsageDayRow[], now: Date): Promise<void> {
  for (let start = 0; start < days.length; start += BATCH) {
    const rows = days
      .slice(start, start + BATCH)
      .map((d) => [
        d.storeId,
        d.livemode,
        dbDate(em, d.startsAt),
        dbDate(em, d.endsAt),
        d.apiRequests,
        d.deliveriesSucceeded,
        d.deliveriesFailed,
        dbDate(em, now),
      ]);
    const { sql, params } = multiRowInsert('usage_days', COLUMNS, rows);
    await em.execute(`${sql} on conflict do nothing`, params, 'run');
  }
}
