import { queryBound } from '../../../db/bound-statement.js';
import type { Transaction } from '@mikro-orm/core';
import { dbDate, isPostgres, type Db } from '../../../db/orm.js';
import { multiRowInsert } from '../../../db/multi-row-insert.js';
import { newId } from '../../../shared/ids.js';
import { dedupeKeysTaken } from './dedupe-keys-taken.js';
import { holdQueuedJobs } from './hold-queued-jobs.js';

const JOB_COLUMNS = [
  'id',
  'type',
  'payload',
  'store_id',
  'subject_id',
  'status',
  'run_at',
  'attempts',
  'max_attempts',
  'dedupe_key',
  'queued_key',
  'created_at',
  'updated_at',
] as const;

export interface NewJob {
  type: string;
  payload: Record<string, unknown>;
  storeId?: string | null;
  subjectId?: string | null;
  runAt: Date;
  maxAttempts: number;
  /** A job with this key is enqueued at most once, ever. */
  dedupeKey?: string | null;
  /** While a job with this key is queued (not yet running), another one is not enqueued. */
  queuedKey?: string | null;
}

/**
 * Inserts in the caller's transaction (the outbox rule: em's, or `trx` for callers that run
 * a bare connection transaction), all rows in one statement. A
 * duplicate dedupe or queued key is ignored at the database, which is race-free on SQLite and
 * PostgreSQL alike. Returns, per job, its new id, or null when its key had already been used.
 */
export async function insertJobs(
  em: Db,
  jobs: NewJob[],
  now: Date,
  trx: Transaction | undefined = em.getTransactionContext(),
): Promise<(string | null)[]> {
  if (jobs.length === 0) return [];
  const ids = jobs.map(() => newId('job'));
  const inserted = await insertRows(em, jobs, ids, now, trx);
  if (isPostgres(em)) await rideOnQueued(em, jobs, ids, inserted, now, trx);
  return ids.map((id) => (inserted.has(id) ? id : null));
}

/** Enough for any real race: a round only repeats when a queued job was claimed in between. */
const RIDE_ROUNDS = 5;

/**
 * A job skipped for its queued key rides on the queued job that holds the key, which does the
 * same work after the rider's cause. On PostgreSQL that job could be claimed and finish before
 * the rider's transaction commits, blind to what it wrote (a notification left unmarked), so it
 * is held (holdQueuedJobs) until then; a rider whose job was claimed meanwhile is inserted after
 * all. SQLite needs none of this: its single writer orders the claim after the commit.
 */
async function rideOnQueued(em: Db, jobs: NewJob[], ids: string[], inserted: Set<string>, now: Date, trx: Transaction | undefined) {
  let riders = jobs.flatMap((job, i) => (job.queuedKey && !inserted.has(ids[i]!) ? [i] : []));
  for (let round = 0; riders.length > 0 && round < RIDE_ROUNDS; round++) {
    // A job whose dedupe key is taken is a duplicate, not a rider.
    const taken = await dedupeKeysTaken(
      em,
      riders.flatMap((i) => jobs[i]!.dedupeKey ?? []),
      trx,
    );
    riders = riders.filter((i) => !taken.has(jobs[i]!.dedupeKey ?? ''));
    const held = await holdQueuedJobs(em, [...new Set(riders.map((i) => jobs[i]!.queuedKey!))], trx);
    const orphans = riders.filter((i) => !held.has(jobs[i]!.queuedKey!));
    if (orphans.length === 0) return;
    const again = await insertRows(
      em,
      orphans.map((i) => jobs[i]!),
      orphans.map((i) => ids[i]!),
      now,
      trx,
    );
    for (const id of again) inserted.add(id);
    riders = orphans.filter((i) => !inserted.has(ids[i]!));
  }
}

/** One multi-row insert that skips rows whose keys are taken; the ids it inserted. */
async function insertRows(em: Db, jobs: NewJob[], ids: string[], now: Date, trx: Transaction | undefined): Promise<Set<string>> {
  const created = dbDate(em, now);
  const { sql, params } = multiRowInsert(
    'jobs',
    JOB_COLUMNS,
    jobs.map((job, index) => [
      ids[index],
      job.type,
      JSON.stringify(job.payload),
      job.storeId ?? null,
      job.subjectId ?? null,
      'queued',
      dbDate(em, job.runAt),
      0,
      job.maxAttempts,
      job.dedupeKey ?? null,
      job.queuedKey ?? null,
      created,
      created,
    ]),
  );
  // No conflict target: a row clashing on either key is skipped (SQLite ≥ 3.35 and PostgreSQL
  // both read it as "any uniqueness constraint"; NOT NULL and the like still fail).
  const returned = await queryBound<{ id: string }>(em, `${sql} on conflict do nothing returning id`, params, trx);
  return new Set(returned.map((row) => row.id));
}
