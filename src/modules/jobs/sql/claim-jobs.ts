import { dbDate, isPostgres, type Db } from '../../../db/orm.js';
import { plainReader } from '../../../db/plain-entity.js';
import { JobSchema, type Job } from '../job.entity.js';

/**
 * Takes up to `limit` due queued jobs for `owner` in one statement, oldest due first. The
 * subquery walks the (status, run_at) index in order and stops at `limit`, so a claim costs
 * the same with ten due jobs or a backlog of a hundred thousand. On PostgreSQL concurrent
 * workers skip each other's rows; on SQLite the single writer makes the UPDATE itself the lock.
 * Jobs whose worker died come back to the queue through releaseExpiredLeases.
 */
export async function claimJobs(em: Db, owner: string, limit: number, now: Date, leaseMs: number): Promise<Job[]> {
  const skipLocked = isPostgres(em) ? 'for update skip locked' : '';
  const nowValue = dbDate(em, now);
  const rows = await em.execute(
    `update jobs
        set status = 'running', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, queued_key = null, updated_at = ?
      where id in (
        select id from jobs
         where status = 'queued' and run_at <= ?
         order by run_at
         limit ? ${skipLocked})
      returning *`,
    [owner, dbDate(em, new Date(now.getTime() + leaseMs)), nowValue, nowValue, limit],
    'all',
  );
  return rows.map(plainReader(em, JobSchema));
}

/** Running jobs whose lease ran out (their worker died or hung) go back to the queue, due now. */
export async function releaseExpiredLeases(em: Db, now: Date): Promise<number> {
  const result = await em.execute(
    `update jobs set status = 'queued', lease_owner = null, lease_expires_at = null, run_at = ?, updated_at = ?
      where status = 'running' and lease_expires_at < ?`,
    [dbDate(em, now), dbDate(em, now), dbDate(em, now)],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
