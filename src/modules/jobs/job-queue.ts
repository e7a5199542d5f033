import type { EventSubscriber, Transaction, TransactionEventArgs } from '@mikro-orm/core';
import { isPostgres, type Db } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { insertJobs, type NewJob } from './sql/insert-job.js';
import { notifyRunners } from './sql/notify-runners.js';

export interface EnqueueOptions {
  storeId?: string | null;
  subjectId?: string | null;
  runAt?: Date;
  dedupeKey?: string | null;
  queuedKey?: string | null;
  maxAttempts?: number;
}

export type JobSpec = EnqueueOptions & { type: string; payload: Record<string, unknown> };

const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * The outbox: jobs are written with the same entity manager (so in the same transaction) as
 * the change that causes them, and the runner is woken as soon as that transaction commits.
 * On PostgreSQL the same transaction NOTIFYs the runners of the other instances.
 */
export class JobQueue implements EventSubscriber {
  private wakeRequested = false;
  private listener: () => void = () => undefined;

  /** `sender` names this instance in its notifications, so it can ignore its own. */
  constructor(
    private readonly clock: Clock,
    private readonly sender: string,
  ) {}

  /** Called by the runner: what to do when new work may be due. */
  onWake(listener: () => void): void {
    this.listener = listener;
  }

  async enqueue(em: Db, type: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<string | null> {
    const [id] = await this.enqueueMany(em, [{ type, payload, ...options }]);
    return id ?? null;
  }

  /** Several jobs in one statement (batched writers); ids in order, null for deduplicated ones. */
  async enqueueMany(em: Db, jobs: JobSpec[]): Promise<(string | null)[]> {
    const ids = await insertJobs(em, this.rows(jobs), this.clock.now());
    await this.notifyOthers(em, ids);
    // As wake(): a batch deduplicated away wakes no one, after commit or at once.
    if (!em.isInTransaction()) this.wake(ids);
    else if (!nothingQueued(ids)) this.wakeRequested = true;
    return ids;
  }

  /**
   * For hot paths that skip the entity manager: inserts in a bare connection transaction
   * `trx`. The caller calls wake() once it has committed.
   */
  async enqueueInTransaction(em: Db, trx: Transaction, jobs: JobSpec[]): Promise<(string | null)[]> {
    const ids = await insertJobs(em, this.rows(jobs), this.clock.now(), trx);
    await this.notifyOthers(em, ids, trx);
    return ids;
  }

  /**
   * Jobs were committed outside an entity manager transaction (`ids` as enqueueInTransaction
   * returned them): let the runner look. Not when every one was deduplicated away: the job each
   * duplicates woke it when it was queued, and a needless wake is a claim on the writer.
   */
  wake(ids: (string | null)[]): void {
    if (!nothingQueued(ids)) this.listener();
  }

  /**
   * On PostgreSQL, tells the other instances' runners that work is due, when the transaction
   * commits: jobs were inserted (`ids` not all deduplicated away), or, without `ids`, queued by
   * other means (expired leases released). Nothing to do on SQLite, where one instance runs.
   */
  async notifyOthers(em: Db, ids: (string | null)[] | null = null, trx?: Transaction): Promise<void> {
    if ((ids && nothingQueued(ids)) || !isPostgres(em)) return;
    await notifyRunners(em, this.sender, trx);
  }

  private rows(jobs: JobSpec[]): NewJob[] {
    const now = this.clock.now();
    return jobs.map((job) => ({
      type: job.type,
      payload: job.payload,
      storeId: job.storeId,
      subjectId: job.subjectId,
      runAt: job.runAt ?? now,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      dedupeKey: job.dedupeKey,
      queuedKey: job.queuedKey,
    }));
  }

  afterTransactionCommit(_args: TransactionEventArgs): void {
    if (!this.wakeRequested) return;
    this.wakeRequested = false;
    this.listener();
  }
}

/** Every job of a batch was skipped for a key some other job holds. */
function nothingQueued(ids: (string | null)[]): boolean {
  return ids.every((id) => id === null);
}
