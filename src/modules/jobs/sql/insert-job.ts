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
}

/**
 * Inserts in the caller's transaction (the outbox rule). A duplicate dedupe key is ignored at
 * the database, which is race-free on SQLite and PostgreSQL alike. Returns the new id, or null
 * when the key had already been used.
 */
export async function insertJob(em: Db, job: NewJob, now: Date): Promise<string | null> {
  const id = newId('job');
  const row = {
    id,
    type: job.type,
    payload: JSON.stringify(job.payload),
    store_id: job.storeId ?? null,
    subject_id: job.subjectId ?? null,
    status: 'queued',
    run_at: dbDate(em, job.runAt),
    attempts: 0,
    max_attempts: job.maxAttempts,
    dedupe_key: job.dedupeKey ?? null,
    created_at: dbDate(em, now),
    updated_at: dbDate(em, now),
  };
  const query = em.getKnex().table('jobs').insert(row).onConflict('dedupe_key').ignore().returning('id');
  const inserted = await em.execute<{ id: string }[]>(query, [], 'all');
  return inserted.length > 0 ? id : null;
}
