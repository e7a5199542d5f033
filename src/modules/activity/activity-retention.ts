import { inBatches } from '../../db/in-batches.js';
import { dbDate, type Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { PeriodicTask } from '../jobs/scheduler.js';

const BATCH = 1000;

/** Deletes activity rows from before `before`, `batch` at a time (oldest first, on the `at` index). */
export async function purgeActivity(orm: Orm, before: Date, batch = BATCH): Promise<number> {
  return inBatches(batch, async (size) => {
    const em = orm.em.fork();
    const result = await em.execute(
      'delete from activity_log where id in (select id from activity_log where at < ? order by at limit ?)',
      [dbDate(em, before), size],
      'run',
    );
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  });
}

/** Nightly, the activity log keeps BAAS_ACTIVITY_RETENTION_DAYS (30) days; events, payments and messages stay. */
export function activityRetention(orm: Orm, clock: Clock, retentionDays: number): PeriodicTask {
  return {
    name: 'activity-retention',
    schedule: '0 41 4 * * *',
    run: async () => ({ purged: await purgeActivity(orm, new Date(clock.now().getTime() - retentionDays * 24 * 3600_000)) }),
  };
}
