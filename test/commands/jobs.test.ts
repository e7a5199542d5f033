import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { claimJobs } from '../../src/modules/jobs/sql/claim-jobs.js';
import { completeJob, failJob } from '../../src/modules/jobs/sql/finish-job.js';
import { openInstance } from '../../src/runtime/instance.js';
import { fixedClock } from '../../src/shared/clock.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { silentLogger } from '../helpers/instance.js';
import { tempDir } from '../helpers/temp-dir.js';

// The jobs are written through the services over a real SQLite file; the built CLI opens the same file.

const WORKER = 'worker_test';
const LONG_ERROR = `connect ECONNREFUSED 127.0.0.1:9\n    at TCPConnectWrap.afterConnect ${'x'.repeat(200)}`;

interface Seeded {
  dir: string;
  storeId: string;
  /** Dead: test.job in the store. */
  deadInStore: string;
  /** Dead: other.job, no store, a long multi-line error. */
  deadOther: string;
  /** Dead: test.job, no store. */
  deadPlain: string;
  succeeded: string;
  /** Queued for an hour from now. */
  queued: string;
}

/** A migrated data dir holding three dead jobs, a succeeded one and a queued one (created in that order). */
async function seeded(): Promise<Seeded> {
  const dir = tempDir('baas-jobs');
  // Each job is created a second after the previous one, the first an hour ago, so "newest first" is well defined.
  const clock = fixedClock(new Date(Date.now() - 3600_000));
  const instance = await openInstance(loadConfig({ BAAS_DATA_DIR: dir }), silentLogger(), { migrate: true, clock });
  try {
    const { store } = await instance.stores.create({ name: 'Loja da Ana', currency: 'BRL', locale: 'pt-BR' });
    const em = instance.orm.em.fork();
    const enqueue = async (type: string, options: { storeId?: string; runAt?: Date; subjectId?: string } = {}) => {
      clock.advance(1000);
      return (await instance.jobs.enqueue(em, type, { n: 1 }, { maxAttempts: 1, ...options }))!;
    };
    const deadInStore = await enqueue('test.job', { storeId: store.id, subjectId: 'we_subject' });
    const deadOther = await enqueue('other.job');
    const deadPlain = await enqueue('test.job');
    clock.advance(1000);
    const claimed = await claimJobs(em, WORKER, 10, clock.now(), 60_000);
    expect(claimed.map((j) => j.id).sort()).toEqual([deadInStore, deadOther, deadPlain].sort());
    for (const [id, error] of [
      [deadInStore, 'boom in the store'],
      [deadOther, LONG_ERROR],
      [deadPlain, 'boom plain'],
    ]) {
      expect(await failJob(em, id!, WORKER, error!, null, clock.now())).toBe(true);
    }
    const succeeded = await enqueue('test.job');
    const [running] = await claimJobs(em, WORKER, 10, clock.now(), 60_000);
    expect(await completeJob(em, running!.id, WORKER, clock.now())).toBe(true);
    const queued = await enqueue('test.job', { runAt: new Date(Date.now() + 3600_000) });
    return { dir, storeId: store.id, deadInStore, deadOther, deadPlain, succeeded, queued };
  } finally {
    await instance.close();
  }
}

function cliIn(dir: string) {
  const cli = (...args: string[]): Promise<CliResult> => runCli(args, { env: { BAAS_DATA_DIR: dir } });
  const cliJson = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
  return { cli, cliJson };
}

interface JobRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  finished_at: string | null;
  run_at: string;
}

describe('baas jobs list', () => {
  it('lists every job newest first as the contract list object', async () => {
    const s = await seeded();
    const { cliJson } = cliIn(s.dir);
    const list = await cliJson('jobs', 'list');
    expect(list).toMatchObject({ object: 'list', has_more: false });
    expect(list.data.map((j: JobRow) => j.id)).toEqual([s.queued, s.succeeded, s.deadPlain, s.deadOther, s.deadInStore]);
    const dead = list.data.find((j: JobRow) => j.id === s.deadInStore);
    expect(Object.keys(dead)).toEqual([
      'id',
      'object',
      'type',
      'status',
      'attempts',
      'max_attempts',
      'run_at',
      'store_id',
      'subject_id',
      'last_error',
      'created_at',
      'updated_at',
      'finished_at',
    ]);
    expect(dead).toMatchObject({
      object: 'job',
      type: 'test.job',
      status: 'dead',
      attempts: 1,
      max_attempts: 1,
      store_id: s.storeId,
      subject_id: 'we_subject',
      last_error: 'boom in the store',
      finished_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    expect(list.data.find((j: JobRow) => j.id === s.queued)).toMatchObject({
      status: 'queued',
      attempts: 0,
      last_error: null,
      finished_at: null,
    });

    const limited = await cliJson('jobs', 'list', '--limit', '2');
    expect(limited.data.map((j: JobRow) => j.id)).toEqual([s.queued, s.succeeded]);
    expect(limited.has_more).toBe(true);
  });

  it('filters by status, type and store (id or slug)', async () => {
    const s = await seeded();
    const { cliJson } = cliIn(s.dir);
    const ids = async (...flags: string[]) => (await cliJson('jobs', 'list', ...flags)).data.map((j: JobRow) => j.id);
    expect(await ids('--status', 'dead')).toEqual([s.deadPlain, s.deadOther, s.deadInStore]);
    expect(await ids('--status', 'dead', '--type', 'test.job')).toEqual([s.deadPlain, s.deadInStore]);
    expect(await ids('--status', 'dead', '--type', 'test.job', '--store', 'loja-da-ana')).toEqual([s.deadInStore]);
    expect(await ids('--store', s.storeId)).toEqual([s.deadInStore]);
  });

  it('prints a table with attempts and the last error cut to one short line', async () => {
    const s = await seeded();
    const { cli } = cliIn(s.dir);
    const result = await cli('jobs', 'list', '--status', 'dead');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`│ ${s.deadInStore} +│ test\\.job +│ dead +│ 1/1 +│ \\S+Z +│ ${s.storeId} +│ boom in the store`),
    );
    expect(result.stdout).toContain('connect ECONNREFUSED 127.0.0.1:9 at TCPConnectWrap');
    expect(result.stdout).toContain('…');
    expect(result.stdout).not.toContain('x'.repeat(100));

    const none = await cli('jobs', 'list', '--type', 'nothing.like.this');
    expect(none.stdout).toContain('No jobs match.');
  });

  it('refuses an unknown status and an unknown store', async () => {
    const s = await seeded();
    const { cli } = cliIn(s.dir);
    expect((await cli('jobs', 'list', '--status', 'failed')).code).not.toBe(0);
    const store = await cli('jobs', 'list', '--store', 'no-such-store');
    expect(store.code).toBe(1);
    expect(store.stderr.trim().split('\n')).toEqual(['✗ No store no-such-store.']);
  });
});

describe('baas jobs retry', () => {
  it('requeues one dead job: due now, attempts reset, last error kept until the next run', async () => {
    const s = await seeded();
    const { cli, cliJson } = cliIn(s.dir);
    const before = Date.now();
    const result = await cli('jobs', 'retry', s.deadInStore);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Requeued 1 dead job (${s.deadInStore})`);
    expect(result.stdout).toMatch(/next sweep \(within 10 s\)/);

    const job = (await cliJson('jobs', 'list', '--store', 'loja-da-ana')).data[0] as JobRow;
    expect(job).toMatchObject({ id: s.deadInStore, status: 'queued', attempts: 0, last_error: 'boom in the store', finished_at: null });
    expect(Date.parse(job.run_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(job.run_at)).toBeLessThanOrEqual(Date.now());
    // The others are untouched.
    expect((await cliJson('jobs', 'list', '--status', 'dead')).data.map((j: JobRow) => j.id)).toEqual([s.deadPlain, s.deadOther]);
  });

  it('requeues every dead job of a type with --all-dead --type, as JSON', async () => {
    const s = await seeded();
    const { cli, cliJson } = cliIn(s.dir);
    const retried = await cliJson('jobs', 'retry', '--all-dead', '--type', 'test.job');
    expect(retried).toMatchObject({ object: 'job_retry', requeued: 2 });
    expect([...retried.job_ids].sort()).toEqual([s.deadInStore, s.deadPlain].sort());
    expect((await cliJson('jobs', 'list', '--status', 'dead')).data.map((j: JobRow) => j.id)).toEqual([s.deadOther]);

    // Nothing left of that type: a clear no-op.
    const again = await cli('jobs', 'retry', '--all-dead', '--type', 'test.job');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No dead jobs match: nothing requeued.');

    const rest = await cli('jobs', 'retry', '--all-dead');
    expect(rest.stdout).toContain('Requeued 1 dead job.');
    expect((await cliJson('jobs', 'list', '--status', 'dead')).data).toEqual([]);
  });

  it('narrows --all-dead to one store', async () => {
    const s = await seeded();
    const { cliJson } = cliIn(s.dir);
    expect(await cliJson('jobs', 'retry', '--all-dead', '--store', 'loja-da-ana')).toEqual({
      object: 'job_retry',
      requeued: 1,
      job_ids: [s.deadInStore],
    });
  });

  it('refuses a job that is not dead, or does not exist, with one line and exit 1', async () => {
    const s = await seeded();
    const { cli, cliJson } = cliIn(s.dir);
    for (const [id, status] of [
      [s.queued, 'queued'],
      [s.succeeded, 'succeeded'],
    ]) {
      const result = await cli('jobs', 'retry', id!);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^✗ Job ${id} is ${status}: only dead jobs can be retried`)),
      ]);
    }
    const missing = await cli('jobs', 'retry', 'job_nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('✗ No such job: job_nope');

    const json = await cli('jobs', 'retry', s.succeeded, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'job_not_dead' });
    // Nothing changed.
    expect((await cliJson('jobs', 'list', '--status', 'succeeded')).data.map((j: JobRow) => j.id)).toEqual([s.succeeded]);
  });

  it('needs exactly one of JOB_ID and --all-dead', async () => {
    const s = await seeded();
    const { cli } = cliIn(s.dir);
    const neither = await cli('jobs', 'retry');
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('--all-dead');
    const both = await cli('jobs', 'retry', s.deadPlain, '--all-dead');
    expect(both.code).toBe(1);
    const narrowOne = await cli('jobs', 'retry', s.deadPlain, '--type', 'test.job');
    expect(narrowOne.code).toBe(1);
    expect(narrowOne.stderr).toContain('--type narrows --all-dead');
  });
});

describe('baas doctor: job queue', () => {
  it('fails while jobs are dead, naming the commands, and passes once they are requeued', async () => {
    const s = await seeded();
    const { cli } = cliIn(s.dir);
    const sick = await cli('doctor', '--json');
    expect(sick.code).toBe(1);
    const check = (out: string) =>
      (JSON.parse(out).checks as { name: string; ok: boolean; detail: string }[]).find((c) => c.name === 'job queue');
    expect(check(sick.stdout)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^0 due, 3 dead, 0 running; 3 jobs failed for good/),
    });
    expect(check(sick.stdout)?.detail).toContain('`baas jobs list --status dead`');
    expect(check(sick.stdout)?.detail).toContain('`baas jobs retry --all-dead`');

    expect((await cli('jobs', 'retry', '--all-dead')).code).toBe(0);
    const healthy = await cli('doctor', '--json');
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(check(healthy.stdout)).toMatchObject({ ok: true, detail: expect.stringMatching(/^3 due \(oldest \d+ s\), 0 dead, 0 running$/) });
  });
});
