import { dbDate, isPostgres, type Db } from '../../../db/orm.js';
import { JobSchema, type Job } from '../job.entity.js';

/**
 * Takes up to `limit` due jobs for `owner` in one statement: queued jobs whose time has come,
 * and running jobs whose lease expired (their worker died). On PostgreSQL concurrent workers
 * skip each other's rows; on SQLite the single writer makes the UPDATE itself the lock.
 */
export async function claimJobs(em: Db, owner: string, limit: number, now: Date, leaseMs: number): Promise<Job[]> {
  const skipLocked = isPostgres(em) ? 'for update skip locked' : '';
  const nowValue = dbDate(em, now);
  const rows = await em.execute(
    `update jobs
        set status = 'running', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, queued_key = null, updated_at = ?
      where id in (
        select id from jobs
         where (status = 'queued' and run_at <= ?) or (status = 'running' and lease_expires_at < ?)
         order by run_at, id
         limit ? ${skipLocked})
      returning *`,
    [owner, dbDate(em, new Date(now.getTime() + leaseMs)), nowValue, nowValue, nowValue, limit],
    'all',
  );
  return rows.map((row) => em.map(JobSchema, row));
}
