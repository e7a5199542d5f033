import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { invalidState, notFound } from '../../shared/errors.js';
import { findStore } from '../stores/find-store.js';
import { JobSchema, type Job, type JobStatus } from './job.entity.js';
import { listJobs } from './sql/list-jobs.js';
import { queueCounts } from './sql/queue-health.js';
import { retryDeadJobs } from './sql/retry-dead-jobs.js';

export interface JobFilter {
  status?: JobStatus;
  type?: string;
  /** Store id (sto_…) or slug. */
  store?: string;
}

export interface QueueHealth {
  /** Queued jobs whose run_at has come: the runner should be on them. */
  due: number;
  /** How long the oldest due job has been waiting, or null when none is due. */
  oldestDueAgeSeconds: number | null;
  dead: number;
  running: number;
}

/** What operators see and do with the job queue (the `baas jobs` commands and `baas doctor`). */
export class JobAdmin {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  /** Newest first, at most `limit`. */
  async list(filter: JobFilter & { limit: number }): Promise<Job[]> {
    const em = this.orm.em.fork();
    const storeId = filter.store ? (await findStore(em, filter.store)).id : undefined;
    return listJobs(em, { status: filter.status, type: filter.type, storeId, limit: filter.limit });
  }

  /** Requeues one dead job; any other status is refused with the reason. */
  async retry(id: string): Promise<Job> {
    const em = this.orm.em.fork();
    const [requeued] = await retryDeadJobs(em, { id }, this.clock.now());
    const job = await em.findOne(JobSchema, { id });
    if (!job) throw notFound('resource_missing', `No such job: ${id}`);
    if (!requeued) throw invalidState('job_not_dead', notDeadMessage(job));
    return job;
  }

  /** Requeues every dead job matching the filter; returns their ids. */
  async retryDead(filter: Omit<JobFilter, 'status'> = {}): Promise<string[]> {
    const em = this.orm.em.fork();
    const storeId = filter.store ? (await findStore(em, filter.store)).id : undefined;
    return retryDeadJobs(em, { type: filter.type, storeId }, this.clock.now());
  }

  async queueHealth(now: Date = this.clock.now()): Promise<QueueHealth> {
    const counts = await queueCounts(this.orm.em.fork(), now);
    return {
      due: counts.due,
      oldestDueAgeSeconds: counts.oldestDueAt ? Math.max(0, Math.floor((now.getTime() - counts.oldestDueAt.getTime()) / 1000)) : null,
      dead: counts.dead,
      running: counts.running,
    };
  }
}

function notDeadMessage(job: Job): string {
  const why: Record<JobStatus, string> = {
    queued: 'it is already queued and will run when due',
    running: 'it is running now',
    succeeded: 'it already succeeded',
    dead: 'it is dead',
  };
  return `Job ${job.id} is ${job.status}: only dead jobs can be retried (${why[job.status as JobStatus]}).`;
}

/** The `job` object of `baas jobs list --json`. */
export function jobJson(job: Job) {
  return {
    id: job.id,
    object: 'job' as const,
    type: job.type,
    status: job.status,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    run_at: job.runAt.toISOString(),
    store_id: job.storeId ?? null,
    subject_id: job.subjectId ?? null,
    last_error: job.lastError ?? null,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}
