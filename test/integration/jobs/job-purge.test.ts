import { describe, expect, it } from 'vitest';
import { JobSchema, type JobStatus } from '../../../src/modules/jobs/job.entity.js';
import { jobMaintenance } from '../../../src/modules/jobs/job-maintenance.js';
import { JobQueue } from '../../../src/modules/jobs/job-queue.js';
import { JobRunner } from '../../../src/modules/jobs/job-runner.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { newId } from '../../../src/shared/ids.js';
import { openTestInstance, silentLogger } from '../../helpers/instance.js';
import { sqlitePlanOf } from '../../helpers/query-plan.js';
import { onPostgres } from '../../helpers/test-database.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const DAY = 24 * 3600_000;

/** 1,200 succeeded jobs 8 days old and a few that must stay: young, dead, or due long ago and still queued. */
async function jobsOfAWeekAndMore() {
  const clock = fixedClock(NOW);
  const instance = await openTestInstance({ clock });
  const job = (status: JobStatus, ageDays: number, finished: boolean) => {
    const at = new Date(NOW.getTime() - ageDays * DAY);
    return {
      id: newId('job'),
      type: 'test.purge',
      payload: { status, ageDays },
      status,
      runAt: at,
      attempts: 1,
      maxAttempts: 5,
      createdAt: at,
      updatedAt: at,
      finishedAt: finished ? new Date(at.getTime() + 1000) : null,
    };
  };
  const rows = [
    ...Array.from({ length: 1200 }, () => job('succeeded', 8, true)),
    ...Array.from({ length: 30 }, () => job('succeeded', 6, true)),
    job('dead', 30, true),
    job('queued', 30, false),
  ];
  for (let at = 0; at < rows.length; at += 500) await instance.orm.em.fork().insertMany(JobSchema, rows.slice(at, at + 500));
  const runner = new JobRunner(instance.orm, new JobQueue(clock, 'test'), new Map(), clock, silentLogger());
  const purge = jobMaintenance(instance.orm, runner, clock).find((task) => task.name === 'jobs-purge')!;
  return { instance, purge };
}

describe('the jobs purge', () => {
  it('deletes succeeded jobs finished over a week ago, in batches, and keeps dead, queued and younger ones', async () => {
    const { instance, purge } = await jobsOfAWeekAndMore();
    expect(await purge.run()).toEqual({ purged: 1200 });
    const left = await instance.orm.em.fork().find(JobSchema, {}, { filters: false });
    expect(left.map((job) => `${job.status} ${job.payload.ageDays as number}`).sort()).toEqual([
      'dead 30',
      'queued 30',
      ...Array.from({ length: 30 }, () => 'succeeded 6'),
    ]);
  });

  // Each batch must find its rows through an index, not read and sort the week's jobs first:
  // this runs hourly on the only writer, whose lock every payment waits for.
  it.skipIf(onPostgres)('finds each batch through the (status, run_at) index, without sorting', async () => {
    const { instance, purge } = await jobsOfAWeekAndMore();
    const { plan, matching } = await sqlitePlanOf(instance.orm, () => purge.run(), /^delete from jobs/);
    expect(matching).toBe(3);
    expect(plan).toContain('SEARCH jobs USING INDEX jobs_status_run_at_index (status=? AND run_at<?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN/);
  });
});
