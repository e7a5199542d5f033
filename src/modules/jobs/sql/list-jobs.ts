import type { Db } from '../../../db/orm.js';
import { plainReader } from '../../../db/plain-entity.js';
import { JobSchema, type Job, type JobStatus } from '../job.entity.js';
import { jobFilterClauses } from './job-filter.js';

export interface JobListFilter {
  status?: JobStatus;
  type?: string;
  storeId?: string;
  limit: number;
}

/**
 * Jobs matching the filter, newest first. Ids are time-ordered, so ordering by id alone walks
 * the primary key back from the newest and stops at the limit; ordering by created_at (no
 * index) read and sorted the whole week of jobs the table keeps.
 */
export async function listJobs(em: Db, filter: JobListFilter): Promise<Job[]> {
  const { clauses: where, params } = jobFilterClauses(filter);
  const rows = await em.execute(
    `select * from jobs ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ?`,
    [...params, filter.limit],
    'all',
  );
  return rows.map(plainReader(em, JobSchema));
}
