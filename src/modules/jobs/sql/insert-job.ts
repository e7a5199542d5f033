import type { Transaction } from '@mikro-orm/core';
import { dbDate, type Db } from '../../../db/orm.js';
import { multiRowInsert } from '../../../db/multi-row-insert.js';
import { newId } from '../../../shared/ids.js';

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
  const returned = await em.getConnection().execute<{ id: string }[]>(`${sql} on conflict do nothing returning id`, params, 'all', trx);
  const inserted = new Set(returned.map((row) => row.id));
  return ids.map((id) => (inserted.has(id!) ? id! : null));
}
