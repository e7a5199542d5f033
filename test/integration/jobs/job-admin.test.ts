import { describe, expect, it } from 'vitest';
import { JobSchema } from '../../../src/modules/jobs/job.entity.js';
import { claimJobs } from '../../../src/modules/jobs/sql/claim-jobs.js';
import { failJob } from '../../../src/modules/jobs/sql/finish-job.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { openTestInstance } from '../../helpers/instance.js';

const WORKER = 'worker_test';

describe('JobAdmin', () => {
  it('reports an empty queue as healthy numbers', async () => {
    const instance = await openTestInstance();
    expect(await instance.jobAdmin.queueHealth(new Date())).toEqual({ due: 0, oldestDueAgeSeconds: null, dead: 0, running: 0 });
  });

  it('counts due, running and dead jobs and ages the oldest due one', async () => {
    const start = new Date('2025-03-01T12:00:00.000Z');
    const clock = fixedClock(start);
    const instance = await openTestInstance({ clock });
    const em = instance.orm.em.fork();
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

    // Two that will be claimed (one then dies, one stays running), enqueued due at start.
    const dying = await instance.jobs.enqueue(em, 'test.job', {}, { maxAttempts: 1, runAt: at(0) });
    const running = await instance.jobs.enqueue(em, 'test.job', {}, { maxAttempts: 1, runAt: at(0) });
    const claimed = await claimJobs(em, WORKER, 10, at(1), 600_000);
    expect(claimed.map((j) => j.id).sort()).toEqual([dying, running].sort());
    expect(await failJob(em, dying!, WORKER, 'boom', null, at(2))).toBe(true);

    // Queued: two due (the oldest since t+10), one not yet due.
    await instance.jobs.enqueue(em, 'test.job', {}, { runAt: at(10) });
    await instance.jobs.enqueue(em, 'test.job', {}, { runAt: at(40) });
    await instance.jobs.enqueue(em, 'test.job', {}, { runAt: at(500) });

    expect(await instance.jobAdmin.queueHealth(at(100))).toEqual({ due: 2, oldestDueAgeSeconds: 90, dead: 1, running: 1 });
    expect(await instance.jobAdmin.queueHealth(at(30))).toEqual({ due: 1, oldestDueAgeSeconds: 20, dead: 1, running: 1 });
    expect(await instance.jobAdmin.queueHealth(at(5))).toEqual({ due: 0, oldestDueAgeSeconds: null, dead: 1, running: 1 });
    expect(await instance.jobAdmin.queueHealth(at(600))).toMatchObject({ due: 3, oldestDueAgeSeconds: 590 });

    // Retrying the dead one makes it due at the clock's now, attempts reset, error kept.
    clock.advance(200_000);
    const retried = await instance.jobAdmin.retry(dying!);
    expect(retried).toMatchObject({ status: 'queued', attempts: 0, lastError: 'boom', finishedAt: null });
    expect(retried.runAt.getTime()).toBe(at(200).getTime());
    expect(await instance.jobAdmin.queueHealth(at(200))).toEqual({ due: 3, oldestDueAgeSeconds: 190, dead: 0, running: 1 });

    // Only dead jobs can be retried.
    await expect(instance.jobAdmin.retry(running!)).rejects.toMatchObject({ code: 'job_not_dead', status: 409 });
    await expect(instance.jobAdmin.retry(dying!)).rejects.toThrow(/is queued: only dead jobs can be retried/);
    await expect(instance.jobAdmin.retry('job_missing')).rejects.toMatchObject({ code: 'resource_missing', status: 404 });
    expect((await instance.orm.em.fork().findOneOrFail(JobSchema, running!)).status).toBe('running');
  });

  it('lists newest first with filters and retries dead jobs by type', async () => {
    const clock = fixedClock(new Date('2025-03-01T12:00:00.000Z'));
    const instance = await openTestInstance({ clock });
    const em = instance.orm.em.fork();
    const ids: string[] = [];
    for (const type of ['a.job', 'b.job', 'a.job']) {
      clock.advance(1000);
      ids.push((await instance.jobs.enqueue(em, type, {}, { maxAttempts: 1 }))!);
    }
    for (const job of await claimJobs(em, WORKER, 10, clock.now(), 60_000)) await failJob(em, job.id, WORKER, 'boom', null, clock.now());

    expect((await instance.jobAdmin.list({ limit: 10 })).map((j) => j.id)).toEqual([...ids].reverse());
    expect((await instance.jobAdmin.list({ type: 'a.job', status: 'dead', limit: 10 })).map((j) => j.id)).toEqual([ids[2], ids[0]]);
    expect(await instance.jobAdmin.list({ status: 'queued', limit: 10 })).toEqual([]);

    expect((await instance.jobAdmin.retryDead({ type: 'a.job' })).sort()).toEqual([ids[0], ids[2]].sort());
    expect(await instance.jobAdmin.retryDead({ type: 'a.job' })).toEqual([]);
    expect((await instance.jobAdmin.list({ status: 'dead', limit: 10 })).map((j) => j.id)).toEqual([ids[1]]);
  });
});
