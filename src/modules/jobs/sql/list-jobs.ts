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

/** Jobs matching the filter, newest first (ids are time-ordered, so they break ties). */
export async function listJobs(em: Db, filter: JobListFilter): Promise<Job[]> {
  const { clauses: where, params } = jobFilterClauses(filter);
  const rows = await em.execute(
    `select * from jobs ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, id desc limit ?`,
    [...params, filter.limit],
    'all',
  );
  return rows.map(plainReader(em, JobSchema));
}
