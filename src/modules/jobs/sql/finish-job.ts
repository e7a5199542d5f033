import { dbDate, type Db } from '../../../db/orm.js';

/**
 * Marks jobs done in one statement, but only those whose lease `owner` still holds (a
 * reclaimed job is not ours). Returns how many were ours.
 */
export async function completeJobs(em: Db, ids: string[], owner: string, now: Date): Promise<number> {
  const result = await em.execute(
    `update jobs set status = 'succeeded', lease_owner = null, lease_expires_at = null, last_error = null, finished_at = ?, updated_at = ?
      where id in (${ids.map(() => '?').join(', ')}) and lease_owner = ? and status = 'running'`,
    [dbDate(em, now), dbDate(em, now), ...ids, owner],
    'run',
  );
  return affected(result);
}

export async function completeJob(em: Db, id: string, owner: string, now: Date): Promise<boolean> {
  return (await completeJobs(em, [id], owner, now)) === 1;
}

/**
 * Records a failed attempt: back to the queue at `retryAt`, or `dead` when the attempts are
 * used up (retryAt null). Guarded by the lease like completeJob.
 */
export async function failJob(em: Db, id: string, owner: string, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
  const result = await em.execute(
    `update jobs set status = ?, run_at = coalesce(?, run_at), lease_owner = null, lease_expires_at = null,
            last_error = ?, finished_at = ?, updated_at = ?
      where id = ? and lease_owner = ? and status = 'running'`,
    [
      retryAt ? 'queued' : 'dead',
      retryAt ? dbDate(em, retryAt) : null,
      error,
      retryAt ? null : dbDate(em, now),
      dbDate(em, now),
      id,
      owner,
    ],
    'run',
  );
  return affected(result) === 1;
}

function affected(result: unknown): number {
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}

/** Puts jobs back, due at `runAt`, without counting their runs as attempts: they never really started. One statement. */
export async function deferJobs(em: Db, ids: string[], owner: string, runAt: Date, now: Date): Promise<number> {
  const result = await em.execute(
    `update jobs set status = 'queued', run_at = ?, attempts = attempts - 1, lease_owner = null, lease_expires_at = null, updated_at = ?
      where id in (${ids.map(() => '?').join(', ')}) and lease_owner = ? and status = 'running'`,
    [dbDate(em, runAt), dbDate(em, now), ...ids, owner],
    'run',
  );
  return affected(result);
}
