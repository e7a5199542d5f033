import type { Orm } from '../../db/orm.js';
import type { Logger } from '../../runtime/logger.js';
import type { Clock } from '../../shared/clock.js';
import type { JobHandler } from './job-handler.js';
import type { Job } from './job.entity.js';
import type { JobQueue } from './job-queue.js';
import { RetryAfter } from './retry-after.js';
import { claimJobs, releaseExpiredLeases } from './sql/claim-jobs.js';
import { GroupCommit } from '../../db/group-commit.js';
import { completeJobs, deferJobs, failJob } from './sql/finish-job.js';
import { nextRunAt } from './sql/next-run-at.js';
import { releaseOrphans } from './sql/release-orphans.js';
import { isDeadLocalWorker, workerIdentity } from './worker-identity.js';
import type { ActivityLog } from '../activity/activity-log.js';
import { traced } from '../activity/trace.js';

export interface RunnerOptions {
  /** Whose leases this runner's are: the instance's identity (host:pid:random); a fresh one by default. */
  owner?: string;
  concurrency?: number;
  /** How long a claimed job is ours; after that another worker may take it over. */
  leaseMs?: number;
  /** Upper bound on how long the runner sleeps when nothing is due (the cron sweep also wakes it). */
  maxIdleMs?: number;
  /** Where each run is recorded (`baas logs`); none in tests that do not look. */
  activity?: ActivityLog;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * Claims due jobs and runs them, at most `concurrency` at a time. It wakes when a transaction
 * that enqueued work commits (on PostgreSQL, on any instance: see runtime/cluster.ts), when a job
 * finishes, at the next job's run_at, and on every cron sweep; it never polls in a tight loop.
 */
export class JobRunner {
  readonly owner: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly maxIdleMs: number;
  private readonly activity: ActivityLog | undefined;
  private readonly running = new Set<Promise<void>>();
  /** The claim loop in progress, if any: stop() waits for it before the database closes. */
  private draining: Promise<void> | null = null;
  private wakeAgain = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  /** Jobs finishing together are marked done in one statement: under load, one per batch instead of one per job. */
  private readonly completions = new GroupCommit<string>((ids) =>
    completeJobs(this.orm.em.fork(), ids, this.owner, this.clock.now()).then(() => undefined),
  );
  /** Likewise deferrals (an endpoint at its cap defers every job claimed for it): one statement per delay. */
  private readonly deferrals = new GroupCommit<{ id: string; delayMs: number }>(async (batch) => {
    const now = this.clock.now();
    for (const delayMs of new Set(batch.map((deferral) => deferral.delayMs))) {
      const ids = batch.filter((deferral) => deferral.delayMs === delayMs).map((deferral) => deferral.id);
      await deferJobs(this.orm.em.fork(), ids, this.owner, new Date(now.getTime() + delayMs), now);
    }
  });

  constructor(
    private readonly orm: Orm,
    private readonly queue: JobQueue,
    private readonly handlers: Map<string, JobHandler>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: RunnerOptions = {},
  ) {
    this.owner = options.owner ?? workerIdentity();
    // Most jobs wait on a remote (a storefront, Mercado Pago, SMTP), not on this process: more in
    // flight also lets claims, completions and attempt rows share statements (bench: 16 -> 64,
    // webhook backlog drained at ~475 -> ~700 deliveries/s).
    this.concurrency = options.concurrency ?? 64;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.maxIdleMs = options.maxIdleMs ?? 60_000;
    this.activity = options.activity;
  }

  /** Starts running jobs, first taking back those a killed process on this host left running. */
  start(): void {
    this.queue.onWake(() => this.wake());
    this.track(
      releaseOrphans(this.orm.em.fork(), isDeadLocalWorker, this.clock.now())
        .then((released) => {
          if (released > 0) this.logger.warn({ released }, 'requeued jobs left running by a process that died');
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'could not requeue orphaned jobs; their leases will expire'))
        .then(async () => {
          await this.releaseExpired();
        }),
    );
  }

  /**
   * Jobs whose lease expired (their worker died or hung, on any instance) go back to the queue,
   * and the runners are woken to take them: this one, and on PostgreSQL the other instances'.
   * Returns how many were requeued.
   */
  async releaseExpired(): Promise<number> {
    if (this.stopping) return 0;
    const em = this.orm.em.fork();
    try {
      const released = await releaseExpiredLeases(em, this.clock.now());
      if (released > 0) {
        this.logger.warn({ released }, 'requeued jobs whose lease expired');
        await this.queue.notifyOthers(em);
      }
      return released;
    } catch (error) {
      this.logger.error({ err: error }, 'could not requeue jobs with expired leases; retrying at the next sweep');
      return 0;
    } finally {
      this.wake();
    }
  }

  wake(): void {
    if (this.stopping) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'job runner could not claim jobs; retrying at the next sweep'))
      .finally(() => {
        this.draining = null;
      });
  }

  /** Stops claiming and waits for running jobs, at most `deadlineMs`; unfinished ones are re-run later. */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.running, this.draining]),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, deadlineMs);
      }),
    ]);
    clearTimeout(timeout);
  }

  private async drain(): Promise<void> {
    do {
      this.wakeAgain = false;
      while (!this.stopping && this.running.size < this.concurrency) {
        const jobs = await claimJobs(this.orm.em.fork(), this.owner, this.concurrency - this.running.size, this.clock.now(), this.leaseMs);
        if (jobs.length === 0) break;
        // Each run is its own trace: what the handler logs and records says which job, store, payment…
        for (const job of jobs) this.track(traced({ jobId: job.id, storeId: job.storeId ?? undefined }, () => this.execute(job)));
      }
      // A wake while the next due time is read (a job committed on another connection after that
      // read's snapshot) must not be lost to a sleep computed without that job: claim again.
      if (!this.wakeAgain && this.running.size === 0) await this.sleepUntilNextDue();
    } while (this.wakeAgain && !this.stopping);
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      this.wake();
    });
  }

  private async sleepUntilNextDue(): Promise<void> {
    clearTimeout(this.timer);
    if (this.stopping) return;
    const due = await nextRunAt(this.orm.em.fork());
    const delay = due ? Math.max(0, due.getTime() - this.clock.now().getTime()) : this.maxIdleMs;
    this.timer = setTimeout(() => this.wake(), Math.min(delay, this.maxIdleMs));
    this.timer.unref();
  }

  private async execute(job: Job): Promise<void> {
    const log = this.logger.child({ job_id: job.id, job_type: job.type, attempt: job.attempts, store_id: job.storeId ?? undefined });
    const started = Date.now();
    const handler = this.handlers.get(job.type);
    try {
      if (!handler) throw new Error(`no handler for job type "${job.type}"`);
      await handler.run(job.payload, { job, log });
      await this.completions.submit(job.id);
      log.info({ outcome: 'succeeded', duration_ms: Date.now() - started }, 'job done');
      this.recordRun(job, 'succeeded', Date.now() - started);
    } catch (error) {
      if (error instanceof RetryAfter && error.deferOnly) {
        await this.deferrals.submit({ id: job.id, delayMs: error.delayMs });
        log.debug({ outcome: 'deferred', reason: error.message }, 'job deferred');
        return;
      }
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
      const exhausted = !handler || job.attempts >= job.maxAttempts;
      const now = this.clock.now();
      const delayMs = error instanceof RetryAfter ? error.delayMs : handler?.retryDelayMs(job.attempts);
      const retryAt = exhausted || delayMs === undefined ? null : new Date(now.getTime() + delayMs);
      await failJob(this.orm.em.fork(), job.id, this.owner, message, retryAt, now).catch((failure: unknown) =>
        log.error({ err: failure }, 'could not record the job failure; its lease will expire and it will run again'),
      );
      log[exhausted ? 'error' : 'warn'](
        { outcome: exhausted ? 'dead' : 'retry', retry_at: retryAt?.toISOString(), error: message, duration_ms: Date.now() - started },
        exhausted ? 'job failed for good' : 'job failed; will retry',
      );
      this.recordRun(job, exhausted ? 'dead' : 'retry', Date.now() - started, { error: message, retry_at: retryAt?.toISOString() });
    }
  }

  private recordRun(job: Job, outcome: 'succeeded' | 'retry' | 'dead', durationMs: number, detail: Record<string, unknown> = {}): void {
    this.activity?.record({
      kind: 'job',
      level: outcome === 'dead' ? 'error' : outcome === 'retry' ? 'warn' : 'info',
      summary: `${job.type} attempt ${job.attempts}/${job.maxAttempts}: ${outcome}${detail.error ? ` (${String(detail.error).slice(0, 200)})` : ''}`,
      durationMs,
      outcome,
      detail: { type: job.type, attempt: job.attempts, ...detail },
    });
  }
}
