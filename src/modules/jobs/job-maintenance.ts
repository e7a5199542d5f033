import { inBatches } from '../../db/in-batches.js';
import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { PeriodicTask } from './scheduler.js';
import type { JobRunner } from './job-runner.js';
import { purgeFinishedJobs } from './sql/purge-finished-jobs.js';

const KEEP_SUCCEEDED_MS = 7 * 24 * 3600_000;
const PURGE_BATCH = 500;

/**
 * The cron side of the jobs module: expired leases back to the queue and the purge, once per
 * tick for all instances; a sweep that wakes each instance's runner for due retries.
 */
export function jobMaintenance(orm: Orm, runner: JobRunner, clock: Clock): PeriodicTask[] {
  return [
    {
      name: 'jobs-leases',
      schedule: '*/10 * * * * *',
      run: async () => ({ released: await runner.releaseExpired() }),
    },
    {
      name: 'jobs-sweep',
      schedule: '*/10 * * * * *',
      everyInstance: true,
      run: async () => runner.wake(),
    },
    {
      name: 'jobs-purge',
      schedule: '0 41 * * * *',
      run: async () => {
        const before = new Date(clock.now().getTime() - KEEP_SUCCEEDED_MS);
        return { purged: await inBatches(PURGE_BATCH, (batch) => purgeFinishedJobs(orm.em.fork(), before, batch)) };
      },
    },
  ];
}
