import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { PeriodicTask } from '../jobs/scheduler.js';
import { purgeAttempts } from './sql/purge-attempts.js';

const BATCH = 500;

/**
 * Nightly, delivery attempts older than the retention go (events themselves stay: they are
 * the record of what happened and can be redelivered).
 */
export function attemptRetention(orm: Orm, clock: Clock, retentionDays: number): PeriodicTask {
  return {
    name: 'webhook-attempt-retention',
    schedule: '0 23 4 * * *',
    run: async () => {
      const before = new Date(clock.now().getTime() - retentionDays * 24 * 3600_000);
      return { purged: await purgeAttempts(orm.em.fork(), before, BATCH) };
    },
  };
}
