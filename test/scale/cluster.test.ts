import { afterEach, describe, expect, it } from 'vitest';
import { clusterTicks } from '../../src/modules/jobs/cluster-ticks.js';
import type { JobHandler } from '../../src/modules/jobs/job-handler.js';
import { JobSchema } from '../../src/modules/jobs/job.entity.js';
import { JobRunner, type RunnerOptions } from '../../src/modules/jobs/job-runner.js';
import { claimJobs } from '../../src/modules/jobs/sql/claim-jobs.js';
import { Scheduler, type PeriodicTask } from '../../src/modules/jobs/scheduler.js';
import { ClusterLink } from '../../src/runtime/cluster-link.js';
import { joinCluster } from '../../src/runtime/cluster.js';
import type { Instance } from '../../src/runtime/instance.js';
import { openTestInstance, silentLogger } from '../helpers/instance.js';
import { waitFor } from '../helpers/mercadopago.js';
import { onPostgres } from '../helpers/test-database.js';
import { tempDir } from '../helpers/temp-dir.js';

const ONLY_POSTGRES = 'several instances share a database only on PostgreSQL';
const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** `count` instances (each its own ORM, identity and job queue) on one database, as on separate hosts. */
async function instances(count: number): Promise<Instance[]> {
  const dataDir = tempDir('baas-cluster');
  const opened: Instance[] = [];
  for (let i = 0; i < count; i++) opened.push(await openTestInstance({ env: { BAAS_DATA_DIR: dataDir } }));
  return opened;
}

async function schedulerOn(instance: Instance, tasks: PeriodicTask[]): Promise<void> {
  const link = await ClusterLink.open(instance.orm, silentLogger());
  const scheduler = new Scheduler(silentLogger(), clusterTicks(instance.orm, link, instance.identity, silentLogger()));
  scheduler.start(tasks);
  stops.push(
    () => link.close(),
    () => scheduler.stop(),
  );
}

function runner(instance: Instance, handler: JobHandler, options: RunnerOptions = {}): JobRunner {
  // An idle runner sleeps an hour: whatever runs promptly was woken, not polled.
  const started = new JobRunner(instance.orm, instance.jobs, new Map([[handler.type, handler]]), instance.clock, silentLogger(), {
    maxIdleMs: 3_600_000,
    ...options,
  });
  started.start();
  stops.push(() => started.stop(1000));
  return started;
}

const handler = (run: JobHandler['run']): JobHandler => ({ type: 'test.job', maxAttempts: 5, retryDelayMs: () => 0, run });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two instances: one that only enqueues, and one whose runner (asleep for an hour) has joined the cluster. */
async function enqueuerAndWorker(): Promise<{ enqueuer: Instance; ran: number[] }> {
  const [enqueuer, worker] = await instances(2);
  const ran: number[] = [];
  const membership = await joinCluster(
    worker!,
    runner(
      worker!,
      handler(async () => void ran.push(Date.now())),
    ),
  );
  stops.push(() => membership.close());
  return { enqueuer: enqueuer!, ran };
}

describe('several instances on one database', () => {
  it('run each tick of a shared periodic task on exactly one of them', async ({ skip }) => {
    skip(!onPostgres, ONLY_POSTGRES);
    // Cron fires on the second: the second a run starts in is its tick.
    const ticks: number[] = [];
    for (const instance of await instances(3)) {
      await schedulerOn(instance, [
        { name: 'every-second', schedule: '* * * * * *', run: async () => ticks.push(Math.floor(Date.now() / 1000)) },
      ]);
    }
    await sleep(4_500);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('a run that outlasts its interval is not joined by another instance', async ({ skip }) => {
    skip(!onPostgres, ONLY_POSTGRES);
    const spans: { instance: string; start: number; end: number }[] = [];
    for (const instance of await instances(3)) {
      await schedulerOn(instance, [
        {
          name: 'slow',
          schedule: '* * * * * *',
          run: async () => {
            const start = Date.now();
            await sleep(2_200);
            spans.push({ instance: instance.identity, start, end: Date.now() });
          },
        },
      ]);
    }
    await sleep(5_500);
    expect(spans.length).toBeGreaterThanOrEqual(1);
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });

  it('a job enqueued on one instance wakes the runner of another at once', async ({ skip }) => {
    skip(!onPostgres, ONLY_POSTGRES);
    const { enqueuer, ran } = await enqueuerAndWorker();
    await sleep(300); // the worker is asleep now, for an hour

    const enqueuedAt = Date.now();
    await enqueuer.orm.em.fork().transactional((em) => enqueuer.jobs.enqueue(em, 'test.job', {}));
    await waitFor(async () => ran.length === 1, 2_000, 'the other instance to run the job');
    expect(ran[0]! - enqueuedAt).toBeLessThan(1_000);
    // A transaction that rolls back notifies nobody, and enqueues nothing.
    await expect(
      enqueuer.orm.em.fork().transactional(async (em) => {
        await enqueuer.jobs.enqueue(em, 'test.job', {});
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await sleep(300);
    expect(ran).toHaveLength(1);
  });

  it('keeps waking the other instance after its connection for notifications was cut', async ({ skip }) => {
    skip(!onPostgres, ONLY_POSTGRES);
    const { enqueuer, ran } = await enqueuerAndWorker();
    // What a database restart or a network cut does to the one connection that LISTENs.
    const [cut] = await enqueuer.orm.em
      .fork()
      .execute<
        { cut: boolean }[]
      >("select pg_terminate_backend(pid) as cut from pg_stat_activity where query like 'listen %' and datname = current_database()");
    expect(cut?.cut).toBe(true);
    await sleep(1_500); // it reconnects within RECONNECT_MIN_MS

    await enqueuer.orm.em.fork().transactional((em) => enqueuer.jobs.enqueue(em, 'test.job', {}));
    await waitFor(async () => ran.length === 1, 2_000, 'the other instance to run the job');
  });

  it('a queued job that a transaction rides on is not claimed before that transaction commits', async ({ skip }) => {
    skip(!onPostgres, ONLY_POSTGRES);
    const [rider, claimer] = await instances(2);
    const queuedKey = 'read:pay_1';
    await rider!.orm.em.fork().transactional((em) => rider!.jobs.enqueue(em, 'test.job', { n: 1 }, { queuedKey }));
    const claim = () => claimJobs(claimer!.orm.em.fork(), 'claimer:1:x', 10, new Date(), 60_000);
    let rode: () => void = () => undefined;
    const ridden = new Promise<void>((resolve) => (rode = resolve));
    let commit: () => void = () => undefined;
    const riding = rider!.orm.em.fork().transactional(async (em) => {
      // Another cause of the same work: it rides on the queued job (no job of its own)…
      expect(await rider!.jobs.enqueue(em, 'test.job', { n: 2 }, { queuedKey })).toBeNull();
      rode();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await ridden;
    try {
      // …so until it commits, the job it counts on stays queued: run now, it would not see it.
      expect(await claim()).toEqual([]);
    } finally {
      commit();
      await riding;
    }
    expect((await claim()).map((job) => job.payload)).toEqual([{ n: 1 }]);
  });

  it('a job whose instance died is taken by another once its lease expires, and run there', async () => {
    const [dying, survivor] = await instances(2);
    // The dying instance is on another host, so nobody can tell it is gone but by its lease.
    let hung: () => void = () => undefined;
    const dead = runner(
      dying!,
      handler(() => new Promise<void>((resolve) => (hung = resolve))),
      { owner: 'other-host:4242:dead', leaseMs: 500 },
    );
    const id = await dying!.orm.em.fork().transactional((em) => dying!.jobs.enqueue(em, 'test.job', { n: 1 }));
    const job = async () => survivor!.orm.em.fork().findOneOrFail(JobSchema, { id: id! });
    await waitFor(async () => (await job()).leaseOwner === 'other-host:4242:dead', 2_000, 'the dying instance to take the job');
    await dead.stop(0);
    const ran: string[] = [];
    const alive = runner(
      survivor!,
      handler(async ({ n }) => void ran.push(String(n))),
    );

    expect(await alive.releaseExpired()).toBe(0); // the lease still holds
    await sleep(600);
    expect(await alive.releaseExpired()).toBe(1);
    await waitFor(async () => (await job()).status === 'succeeded', 2_000, 'the survivor to run the job');
    expect(ran).toEqual(['1']);
    const done = await job();
    expect(done).toMatchObject({ attempts: 2, leaseOwner: null });

    // The hung run finishing late changes nothing: the job is no longer its to complete.
    hung();
    await sleep(100);
    expect((await job()).finishedAt).toEqual(done.finishedAt);
  });
});
