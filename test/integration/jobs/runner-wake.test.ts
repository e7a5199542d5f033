import { describe, expect, it, vi } from 'vitest';
import { JobSchema } from '../../../src/modules/jobs/job.entity.js';
import { JobRunner } from '../../../src/modules/jobs/job-runner.js';
import * as nextDue from '../../../src/modules/jobs/sql/next-run-at.js';
import { openTestInstance, silentLogger } from '../../helpers/instance.js';
import { waitFor } from '../../helpers/mercadopago.js';

// The seam that lets the test commit a job at the one moment that matters: while the runner
// reads when the next job is due. On PostgreSQL (a pool) that read can miss a commit made on
// another connection just after its snapshot; this forces that interleaving on any database.
vi.mock('../../../src/modules/jobs/sql/next-run-at.js', async (importOriginal) => {
  const real = await importOriginal<typeof nextDue>();
  return { nextRunAt: vi.fn(real.nextRunAt) };
});

describe('JobRunner wake-ups', () => {
  it('runs a job committed while it was reading when the next job is due', async () => {
    const instance = await openTestInstance();
    const seen: unknown[] = [];
    const runner = new JobRunner(
      instance.orm,
      instance.jobs,
      new Map([
        ['echo', { type: 'echo', maxAttempts: 3, retryDelayMs: () => 0, run: async (payload: unknown) => void seen.push(payload) }],
      ]),
      instance.clock,
      silentLogger(),
      // Asleep for a minute once idle: the job must run because the commit woke the runner.
      { maxIdleMs: 60_000 },
    );
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 200));

    let jobId: string | null = null;
    vi.mocked(nextDue.nextRunAt).mockImplementationOnce(async (em) => {
      const due = await vi.mocked(nextDue.nextRunAt).getMockImplementation()!(em); // the queue is empty: null
      jobId = await instance.orm.em.fork().transactional((tx) => instance.jobs.enqueue(tx, 'echo', { n: 1 }));
      return due;
    });
    runner.wake();

    const job = await waitFor(
      async () => {
        const row = jobId ? await instance.orm.em.fork().findOneOrFail(JobSchema, jobId) : undefined;
        return row?.status === 'succeeded' && row;
      },
      3000,
      'the job committed during the next-due read to run',
    );
    expect(job.status).toBe('succeeded');
    expect(seen).toEqual([{ n: 1 }]);
    await runner.stop(1000);
  });
});
