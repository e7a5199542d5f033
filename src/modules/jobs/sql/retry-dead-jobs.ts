import { dbDate, type Db } from '../../../db/orm.js';
import { jobFilterClauses } from './job-filter.js';

export interface DeadJobFilter {
  /** One job; with it the other fields are ignored. */
  id?: string;
  type?: string;
  storeId?: string;
}

/**
 * Puts dead jobs back in the queue, due now, with their attempts reset. The last error stays
 * until the next run records its own outcome. Only rows still dead are touched, so a job that
 * another operator already requeued is not reset twice. Returns the ids requeued.
 */
export async function retryDeadJobs(em: Db, filter: DeadJobFilter, now: Date): Promise<string[]> {
  const { clauses, params } = filter.id !== undefined ? { clauses: ['id = ?'], params: [filter.id] } : jobFilterClauses(filter);
  const where = ["status = 'dead'", ...clauses];
  const rows = await em.execute<{ id: string }[]>(
    `update jobs
        set status = 'queued', run_at = ?, attempts = 0, lease_owner = null, lease_expires_at = null, finished_at = null, updated_at = ?
      where ${where.join(' and ')}
      returning id`,
    [dbDate(em, now), dbDate(em, now), ...params],
    'all',
  );
  return rows.map((row) => row.id);
}
