import { describe, expect, it } from 'vitest';
import type { JobHandler } from '../../../src/modules/jobs/job-handler.js';
import { JobSchema, type Job } from '../../../src/modules/jobs/job.entity.js';
import { JobRunner } from '../../../src/modules/jobs/job-runner.js';
import { RetryAfter } from '../../../src/modules/jobs/retry-after.js';
import { claimJobs } from '../../../src/modules/jobs/sql/claim-jobs.js';
import { completeJob } from '../../../src/modules/jobs/sql/finish-job.js';
import type { Instance } from '../../../src/runtime/instance.js';
import { openTestInstance, silentLogger } from '../../helpers/instance.js';

function handler(type: string, run: JobHandler['run'], overrides: Partial<JobHandler> = {}): JobHandler {
  return { type, maxAttempts: 3, retryDelayMs: () => 0, run, ...overrides };
}

function startRunner(instance: Instance, handlers: JobHandler[], concurrency = 4): JobRunner {
  const runner = new JobRunner(
    instance.orm,
    instance.jobs,
    new Map(handlers.map((h) => [h.type, h])),
    instance.clock,
    silentLogger(),
    // A long idle sleep: anything that runs promptly was woken, not polled.
    { concurrency, maxIdleMs: 60_000 },
  );
  runner.start();
  return runner;
}

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const findJob = (instance: Instance, id: string) => instance.orm.em.fork().findOneOrFail(JobSchema, id);

describe('JobRunner', () => {
  it('runs a job as soon as the transaction that enqueued it commits', async () => {
    const instance = await openTestInstance();
    const seen: unknown[] = [];
    const runner = startRunner(instance, [handler('echo', async (payload) => void seen.push(payload))]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let it go idle first
    const id = await instance.orm.em.fork().transactional((em) => instance.jobs.enqueue(em, 'echo', { n: 1 }));
    const job = await waitFor(async () => {
      const row = await findJob(instance, id!);
      return row.status === 'succeeded' && row;
    }, 2000);
    expect(seen).toEqual([{ n: 1 }]);
    expect(job.attempts).toBe(1);
    expect(job.finishedAt).toBeInstanceOf(Date);
    await runner.stop(1000);
  });

  it('never runs a job whose transaction rolled back', async () => {
    const instance = await openTestInstance();
    await expect(
      instance.orm.em.fork().transactional(async (em) => {
        await instance.jobs.enqueue(em, 'echo', {});
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await instance.orm.em.fork().count(JobSchema, {})).toBe(0);
  });

  it('enqueues a dedupe key only once', async () => {
    const instance = await openTestInstance();
    const em = instance.orm.em.fork();
    const first = await instance.jobs.enqueue(em, 'echo', {}, { dedupeKey: 'ntf:123' });
    const second = await instance.jobs.enqueue(em, 'echo', {}, { dedupeKey: 'ntf:123' });
    expect(first).toMatch(/^job_/);
    expect(second).toBeNull();
    expect(await em.count(JobSchema, {})).toBe(1);
  });

  it('retries a failing job, then marks it dead with the last error', async () => {
    const instance = await openTestInstance();
    let calls = 0;
    const runner = startRunner(instance, [
      handler('flaky', async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      }),
    ]);
    const id = await instance.jobs.enqueue(instance.orm.em.fork(), 'flaky', {}, { maxAttempts: 3 });
    const job = await waitFor(async () => {
      const row = await findJob(instance, id!);
      return row.status === 'dead' && row;
    });
    expect(calls).toBe(3);
    expect(job).toMatchObject({ attempts: 3, lastError: 'boom 3', leaseOwner: null });
    await runner.stop(1000);
  });

  it('a dead job retried by the operator (what `baas jobs retry` calls) runs again and can succeed', async () => {
    const instance = await openTestInstance();
    let healthy = false;
    const runner = startRunner(instance, [
      handler('needs-fix', async () => {
        if (!healthy) throw new Error('provider down');
      }),
    ]);
    const id = await instance.jobs.enqueue(instance.orm.em.fork(), 'needs-fix', {}, { maxAttempts: 2 });
    await waitFor(async () => (await findJob(instance, id!)).status === 'dead');
    healthy = true;
    await instance.jobAdmin.retry(id!);
    runner.wake(); // in the server the cron sweep does this within 10 s
    const job = await waitFor(async () => {
      const row = await findJob(instance, id!);
      return row.status === 'succeeded' && row;
    });
    expect(job.attempts).toBe(1);
    await runner.stop(1000);
  });

  it('takes back at start the jobs a killed process on this host left running', async () => {
    const instance = await openTestInstance();
    const id = await instance.jobs.enqueue(instance.orm.em.fork(), 'echo', {});
    const { spawnSync } = await import('node:child_process');
    const { hostname } = await import('node:os');
    const dead = `${hostname()}:${spawnSync(process.execPath, ['-e', '0']).pid}:00000000`;
    await claimJobs(instance.orm.em.fork(), dead, 10, new Date(), 3_600_000); // a lease that would last an hour
    const seen: unknown[] = [];
    const runner = startRunner(instance, [handler('echo', async (payload) => void seen.push(payload))]);
    const job = await waitFor(async () => {
      const row = await findJob(instance, id!);
      return row.status === 'succeeded' && row;
    });
    expect(job.attempts).toBe(2);
    expect(seen).toHaveLength(1);
    await runner.stop(1000);
  });

  it('schedules a retry after the handler’s delay', async () => {
    const instance = await openTestInstance();
    const runner = startRunner(instance, [
      handler(
        'later',
        async () => {
          throw new Error('not yet');
        },
        { retryDelayMs: () => 3_600_000 },
      ),
    ]);
    const before = Date.now();
    const id = await instance.jobs.enqueue(instance.orm.em.fork(), 'later', {});
    const job = await waitFor(async () => {
      const row = await findJob(instance, id!);
      return row.attempts === 1 && row.status === 'queued' && row;
    });
    expect(job.runAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(job.lastError).toBe('not yet');
    await runner.stop(1000);
  });

  it('takes its next run time from RetryAfter, and does not count a deferral as an attempt', async () => {
    const instance = await openTestInstance();
    let calls = 0;
    const runner = startRunner(instance, [
      handler('picky', async () => {
        calls++;
        if (calls === 1) throw new RetryAfter('busy', 0, { deferOnly: true });
        throw new RetryAfter('come back in an hour', 3_600_000);
      }),
    ]);
    const before = Date.now();
    const id = await instance.jobs.enqueue(instance.orm.em.fork(), 'picky', {});
    const job = await waitFor(async () => {
      // Read the count before the row: a row read first could be the one queued by the deferral,
      // taken just before the second call began.
      const callsSoFar = calls;
      const row = await findJob(instance, id!);
      return callsSoFar === 2 && row.status === 'queued' && row;
    });
    expect(job.attempts).toBe(1);
    expect(job.runAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    await runner.stop(1000);
  });

  it('defers jobs deferring together in their own delays, none counted as an attempt', async () => {
    const instance = await openTestInstance();
    const runs = new Map<number, number>();
    const runner = startRunner(
      instance,
      [
        handler('busy-endpoint', async (payload) => {
          const n = (payload as { n: number }).n;
          runs.set(n, (runs.get(n) ?? 0) + 1);
          // Even jobs come back at once, odd ones in an hour: one batch, two delays.
          if (runs.get(n) === 1) throw new RetryAfter('endpoint busy', n % 2 === 0 ? 0 : 3_600_000, { deferOnly: true });
        }),
      ],
      6,
    );
    const before = Date.now();
    const ids = await instance.orm.em.fork().transactional((em) =>
      instance.jobs.enqueueMany(
        em,
        [0, 1, 2, 3, 4, 5].map((n) => ({ type: 'busy-endpoint', payload: { n } })),
      ),
    );
    const jobs = await waitFor(async () => {
      const rows = await Promise.all(ids.map((id) => findJob(instance, id!)));
      return rows.every((row, n) => row.status === (n % 2 === 0 ? 'succeeded' : 'queued')) && rows;
    });
    for (const [n, job] of jobs.entries()) {
      expect(job.attempts, `job ${n}`).toBe(n % 2 === 0 ? 1 : 0);
      if (n % 2 === 1) expect(job.runAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    }
    expect([...runs.values()]).toEqual(expect.arrayContaining([1, 1, 1, 2, 2, 2]));
    await runner.stop(1000);
  });

  it('marks a job of an unknown type dead at once', async () => {
    const instance = await openTestInstance();
    const runner = startRunner(instance, []);
    const id = await instance.jobs.enqueue(instance.orm.em.fork(), 'nobody', {});
    const job = await waitFor(async () => {
      const row = await findJob(instance, id!);
      return row.status === 'dead' && row;
    });
    expect(job.lastError).toBe('no handler for job type "nobody"');
    await runner.stop(1000);
  });

  it('never runs more than `concurrency` jobs at once', async () => {
    const instance = await openTestInstance();
    let active = 0;
    let peak = 0;
    let done = 0;
    const runner = startRunner(
      instance,
      [
        handler('slow', async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 20));
          active--;
          done++;
        }),
      ],
      3,
    );
    await instance.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 20; i++) await instance.jobs.enqueue(em, 'slow', { i });
    });
    await waitFor(async () => done === 20);
    expect(peak).toBe(3);
    await runner.stop(1000);
  });

  it('refills a slot as soon as a job ends, so a busy runner stays at full concurrency', async () => {
    const instance = await openTestInstance();
    const started: number[] = [];
    const release = new Map<number, () => void>();
    const runner = startRunner(
      instance,
      [
        handler('held', async (payload) => {
          const n = (payload as { n: number }).n;
          started.push(n);
          await new Promise<void>((resolve) => release.set(n, resolve));
        }),
      ],
      16,
    );
    await instance.orm.em.fork().transactional(async (em) => {
      for (let n = 0; n < 20; n++) await instance.jobs.enqueue(em, 'held', { n }, { runAt: new Date(Date.now() - 1000 + n) });
    });
    await waitFor(async () => started.length === 16);
    release.get(started[0]!)!();
    // One slot is free: the next job starts now, not when more slots have freed up.
    await waitFor(async () => started.length === 17, 2000);
    for (let n = 0; n < 20; n++) await waitFor(async () => release.has(n)).then(() => release.get(n)!());
    await runner.stop(1000);
  });

  it('takes over a job whose worker died (lease expired) and ignores the dead worker’s late result', async () => {
    const instance = await openTestInstance();
    const id = await instance.jobs.enqueue(instance.orm.em.fork(), 'echo', {});
    const [claimed] = await claimJobs(instance.orm.em.fork(), 'worker_dead', 10, new Date(), -1000);
    expect(claimed?.id).toBe(id);

    const ran: string[] = [];
    const runner = startRunner(instance, [handler('echo', async (_payload, { job }) => void ran.push(job.id))]);
    await waitFor(async () => (await findJob(instance, id!)).status === 'succeeded');
    expect(ran).toEqual([id]);
    expect((await findJob(instance, id!)).attempts).toBe(2);
    expect(await completeJob(instance.orm.em.fork(), id!, 'worker_dead', new Date())).toBe(false);
    await runner.stop(1000);
  });

  it('hands each job to exactly one of several concurrent claimers', async () => {
    const instance = await openTestInstance();
    await instance.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 50; i++) await instance.jobs.enqueue(em, 'echo', { i });
    });
    const batches = await Promise.all(
      Array.from({ length: 5 }, (_, w) => claimJobs(instance.orm.em.fork(), `worker_${w}`, 20, new Date(), 60_000)),
    );
    const ids = batches.flat().map((job: Job) => job.id);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
  });

  it('lets running jobs finish on stop, and claims nothing after', async () => {
    const instance = await openTestInstance();
    let finished = false;
    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    const runner = startRunner(instance, [
      handler('long', async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 200));
        finished = true;
      }),
    ]);
    await instance.jobs.enqueue(instance.orm.em.fork(), 'long', {});
    await startedPromise;
    await runner.stop(5000);
    expect(finished).toBe(true);
    const later = await instance.jobs.enqueue(instance.orm.em.fork(), 'long', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await findJob(instance, later!)).status).toBe('queued');
  });
});
