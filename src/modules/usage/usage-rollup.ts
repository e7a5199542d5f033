import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { PeriodicTask } from '../jobs/scheduler.js';
import { StoreSchema } from '../stores/store.entity.js';
import { countPurgeable } from './purgeable-counts.js';
import { insertUsageDays, type UsageDayRow } from './sql/insert-usage-days.js';
import { rolledUpUntil } from './sql/rolled-up-until.js';
import { keptSince, type Retention } from './retention.js';
import { localDate, nextMidnight, startOfDay } from './zoned-time.js';

/**
 * A day is rolled up this long after it ends: rows reach the database a little after their time
 * (a request's when it ends, and one waiting on Mercado Pago may take 10 s; a delivery
 * attempt's up to 15 s after it started).
 */
const SETTLE_MS = 5 * 60_000;
/** Days of one store per run, so a first run over a long-lived store stays short; the next run goes on. */
const MAX_DAYS_PER_RUN = 100;

/**
 * Rolls up every store's days that have ended, in each store's time zone, from where its last
 * roll-up ended (or the day it was created). Days that began before the retention are skipped,
 * not rolled up from what is left of their rows: usage counted after roll-ups came in, or after
 * the server was stopped for longer than the retention, would otherwise freeze short figures
 * as whole. Skipped days stay counted from their rows, marked as possibly incomplete.
 * Returns how many days were written.
 */
export async function rollUpUsage(orm: Orm, now: Date, retention: Retention): Promise<number> {
  const em = orm.em.fork();
  const stores = await em.find(StoreSchema, {}, { fields: ['id', 'timezone', 'createdAt'] });
  const until = await rolledUpUntil(em);
  const kept = keptSince(now, retention);
  const oldestWhole = kept.requests > kept.deliveries ? kept.requests : kept.deliveries;
  let written = 0;
  for (const store of stores) {
    let start = until.get(store.id) ?? startOfDay(localDate(store.createdAt, store.timezone), store.timezone);
    if (start < oldestWhole) start = nextMidnight(oldestWhole, store.timezone);
    const rows: UsageDayRow[] = [];
    for (let day = 0; day < MAX_DAYS_PER_RUN; day++) {
      const end = nextMidnight(start, store.timezone);
      if (end.getTime() > now.getTime() - SETTLE_MS) break;
      for (const livemode of [false, true]) {
        const counts = await countPurgeable(em, { storeId: store.id, livemode, from: start, to: end });
        rows.push({ storeId: store.id, livemode, startsAt: start, endsAt: end, ...counts });
      }
      start = end;
    }
    await insertUsageDays(em, rows, now);
    written += rows.length / 2;
  }
  return written;
}

/** Hourly, so each store's day is rolled up soon after its own midnight, and long before its rows are purged. */
export function usageRollup(orm: Orm, clock: Clock, retention: Retention): PeriodicTask {
  return {
    name: 'usage-rollup',
    schedule: '0 7 * * * *',
    run: async () => ({ days: await rollUpUsage(orm, clock.now(), retention) }),
  };
}
