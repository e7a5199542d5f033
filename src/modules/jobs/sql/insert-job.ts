import { dbDate, type Db } from '../../../db/orm.js';
import { newId } from '../../../shared/ids.js';

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
 * Inserts in the caller's transaction (the outbox rule), all rows in one statement. A
 * duplicate dedupe or queued key is ignored at the database, which is race-free on SQLite and
 * PostgreSQL alike. Returns, per job, its new id, or null when its key had already been used.
 */
export async function insertJobs(em: Db, jobs: NewJob[], now: Date): Promise<(string | null)[]> {
  if (jobs.length === 0) return [];
  const ids = jobs.map(() => newId('job'));
  const rows = jobs.map((job, index) => ({
    id: ids[index],
    type: job.type,
    payload: JSON.stringify(job.payload),
    store_id: job.storeId ?? null,
    subject_id: job.subjectId ?? null,
    status: 'queued',
    run_at: dbDate(em, job.runAt),
    attempts: 0,
    max_attempts: job.maxAttempts,
    dedupe_key: job.dedupeKey ?? null,
    queued_key: job.queuedKey ?? null,
    created_at: dbDate(em, now),
    updated_at: dbDate(em, now),
  }));
  // No conflict target: a row clashing on either key is skipped (SQLite ≥ 3.35 and PostgreSQL
  // both read it as "any uniqueness constraint"; NOT NULL and the like still fail).
  const insert = em.getKnex().table('jobs').insert(rows).toSQL();
  const inserted = new Set(
    (await em.execute<{ id: string }[]>(`${insert.sql} on conflict do nothing returning id`, [...insert.bindings], 'all')).map(
      (row) => row.id,
    ),
  );
  return ids.map((id) => (inserted.has(id!) ? id! : null));
}
