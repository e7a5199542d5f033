import { dbDate, type Db, type Orm } from '../../db/orm.js';
import { jobsAhead } from '../jobs/sql/jobs-ahead.js';
import { GroupCommit } from '../../db/group-commit.js';
import { appendRows } from '../../db/append-rows.js';
import { runBound } from '../../db/bound-statement.js';
import { bareTransaction } from '../../db/bare-transaction.js';
import { parseMercadoPagoNotice, verifyMercadoPagoSignature } from '../../providers/mercadopago/notification.js';
import type { Logger } from '../../runtime/logger.js';
import type { Clock } from '../../shared/clock.js';
import { invalidRequest, notFound, unauthenticated } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Transaction } from '@mikro-orm/core';
import type { JobQueue, JobSpec } from '../jobs/job-queue.js';
import type { HookSecrets } from './hook-secrets.js';
import type { ActivityEntry, ActivityLog } from '../activity/activity-log.js';
import { currentTrace } from '../activity/trace.js';

export const PROCESS_NOTIFICATION = 'mercadopago.notification';
/** About a day of backoff: long enough for MP to make a payment readable, or for an outage to end. */
export const NOTIFICATION_ATTEMPTS = 12;
/**
 * How far `ts` may be from our clock. MP's redeliveries may carry the first signature (unverified),
 * and a replayed notification can do no harm (it only makes us read the payment again), so
 * the window is wide; it still stops a captured notification being replayed for ever.
 */
export const SIGNATURE_TOLERANCE_MS = 3_600_000;
/** The pace of reads of one payment during a storm of notifications about it. */
export const STORM_PACE_MS = 1_000;
/** Legacy IPN has no stable id: repeats within this window are taken as duplicates. */
const IPN_DEDUPE_WINDOW_MS = 10_000;

export interface InboundHook {
  storeId: string;
  query: Record<string, string | string[] | undefined>;
  /** Parsed body ({} when there was none). */
  body: unknown;
  rawQuery: string;
  rawBody: string;
  signature: string | undefined;
  requestId: string | undefined;
}

const NOTIFICATION_COLUMNS = [
  'id',
  'store_id',
  'provider',
  'format',
  'topic',
  'action',
  'resource_id',
  'provider_request_id',
  'signature',
  'query',
  'body',
  'status',
  'outcome',
  'received_at',
  'processed_at',
] as const;

interface Pending {
  row: Record<(typeof NOTIFICATION_COLUMNS)[number], unknown>;
  job: JobSpec | null;
  /** The request that brought it: a batch is written in the first one's trace, so each says its own. */
  requestId: string | undefined;
}

/**
 * The front door for Mercado Pago notifications: verify, store, enqueue, acknowledge. The
 * notification row and its processing job commit together (group-committed with whatever
 * else arrived meanwhile) before the 200 goes out, so an acknowledged notification is never
 * lost; acting on it is the job's business.
 */
export class MercadoPagoInbox {
  private readonly writer: GroupCommit<Pending>;

  constructor(
    private readonly orm: Orm,
    private readonly jobs: JobQueue,
    private readonly secrets: HookSecrets,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly activity: ActivityLog,
  ) {
    this.writer = new GroupCommit((batch) => this.write(batch));
  }

  /** Returns the stored notification's id. */
  async receive(hook: InboundHook): Promise<string> {
    const store = await this.secrets.get(hook.storeId);
    if (!store) throw notFound('resource_missing', `No such store: ${hook.storeId}`);
    const notice = parseMercadoPagoNotice(hook);
    if (!notice) {
      throw invalidRequest(
        'invalid_notification',
        'Expected a Mercado Pago notification: ?data.id=&type= (Webhooks) or ?topic=&id= (IPN).',
      );
    }
    const now = this.clock.now();
    let signature: 'valid' | 'unsigned' = 'unsigned';
    // IPN cannot be signed; it is taken as a hint to re-read, like everything else (API.md §4).
    if (notice.format === 'webhook' && store.secrets.length > 0) {
      const verdict = verifyMercadoPagoSignature({
        dataId: notice.signedDataId,
        requestId: hook.requestId,
        header: hook.signature,
        secrets: store.secrets,
        nowMs: now.getTime(),
        toleranceMs: SIGNATURE_TOLERANCE_MS,
      });
      if (verdict !== 'valid') {
        this.logger.warn(
          { store_id: store.storeId, reason: verdict, provider_request_id: hook.requestId },
          'mercadopago notification refused',
        );
        throw unauthenticated(`signature_${verdict}`, SIGNATURE_MESSAGES[verdict]);
      }
      signature = 'valid';
    }
    const id = newId('ntf');
    const used = notice.topic === 'payment';
    const dedupe = notice.dedupeBasis ?? `ipn:${notice.topic}:${notice.resourceId}:${Math.floor(now.getTime() / IPN_DEDUPE_WINDOW_MS)}`;
    await this.writer.submit({
      requestId: currentTrace()?.requestId,
      row: {
        id,
        store_id: store.storeId,
        provider: 'mercadopago',
        format: notice.format,
        topic: notice.topic.slice(0, 64),
        action: notice.action?.slice(0, 64) ?? null,
        resource_id: notice.resourceId.slice(0, 255),
        provider_request_id: hook.requestId?.slice(0, 255) ?? null,
        signature,
        query: hook.rawQuery,
        body: hook.rawBody,
        // Chargebacks and merchant orders show up on the payment itself when it is re-read.
        status: used ? 'received' : 'ignored',
        outcome: used ? null : `topic ${notice.topic} is not acted on`,
        received_at: now,
        processed_at: used ? null : now,
      },
      job: used
        ? {
            type: PROCESS_NOTIFICATION,
            payload: { notification_id: id, store_id: store.storeId, payment_id: notice.resourceId },
            storeId: store.storeId,
            subjectId: notice.resourceId,
            dedupeKey: `mpn:${store.storeId}:${dedupe}`,
            // A job about this payment that has not started yet will read it after this
            // notification anyway: a storm of notifications about one payment costs one read.
            queuedKey: `mpn:${store.storeId}:${notice.resourceId}`,
            maxAttempts: NOTIFICATION_ATTEMPTS,
          }
        : null,
    });
    return id;
  }

  /**
   * While a payment is being read, the next read of it waits STORM_PACE_MS: a storm of
   * notifications about one payment then costs about one read per interval, and leaves the
   * database to the notifications still arriving. A lone notification is read at once.
   */
  private paced(jobs: JobSpec[], reading: Set<string>): JobSpec[] {
    if (reading.size === 0) return jobs;
    const later = new Date(this.clock.now().getTime() + STORM_PACE_MS);
    return jobs.map((job) => (reading.has(job.subjectId!) ? { ...job, runAt: later } : job));
  }

  /** Waits for notifications being written (shutdown). */
  settled(): Promise<void> {
    return this.writer.settled();
  }

  /**
   * A bare transaction rather than an entity manager one: there is no unit of work to flush
   * here, and at a few thousand notifications a second its cost was half the budget.
   */
  private async write(batch: Pending[]): Promise<void> {
    const em = this.orm.em;
    let queued: (string | null)[] = [];
    await bareTransaction(em, async (trx) => {
      await appendRows(
        em,
        'provider_notifications',
        NOTIFICATION_COLUMNS,
        batch.map(({ row }) => NOTIFICATION_COLUMNS.map((column) => row[column])),
        trx,
      );
      const jobs = batch.flatMap(({ job }) => (job ? [job] : []));
      if (jobs.length === 0) return;
      // Read before the insert, in the same transaction. On SQLite nothing writes in between: the
      // batch holds the only writer. On PostgreSQL another instance may start a twin job meanwhile,
      // which this batch then takes for queued, as a read after the insert could have done too.
      const ahead = await jobsAhead(
        em,
        PROCESS_NOTIFICATION,
        [...new Set(jobs.map((job) => job.subjectId!))],
        jobs.map((job) => job.dedupeKey!),
        trx,
      );
      queued = await this.jobs.enqueueInTransaction(em, trx, this.paced(jobs, ahead.running));
      await this.settleDuplicates(em, trx, batch, queued, ahead.started);
    });
    for (const entry of notificationActivity(batch, queued)) this.activity.record(entry);
    this.jobs.wake(queued);
  }

  /**
   * A redelivery of a notification whose job exists already (its dedupe key is taken) gets no job
   * of its own. When that job has started, its settling (of what was received before it began)
   * misses this one, and nothing else ever would: it is settled here, as a duplicate. One whose
   * twin's job is still queued is left to that job, like one riding on a queued read.
   */
  private async settleDuplicates(
    em: Db,
    trx: Transaction,
    batch: Pending[],
    queued: (string | null)[],
    started: Set<string>,
  ): Promise<void> {
    const skipped = batch.filter(({ job }) => job).filter((_, index) => queued[index] === null);
    const duplicates = skipped.filter(({ job }) => started.has(job!.dedupeKey!)).map(({ row }) => row.id as string);
    if (duplicates.length === 0) return;
    await runBound(
      em,
      `update provider_notifications set status = 'ignored', outcome = ?, processed_at = ? where id in (${duplicates.map(() => '?').join(', ')})`,
      ['duplicate of a notification already received', dbDate(em, this.clock.now()), ...duplicates],
      trx,
    );
  }
}

/**
 * What became of each notification of a batch, for the activity log: its read queued, or a
 * duplicate riding on a read already queued (its job key was taken), or a topic we do not act
 * on. `queued` holds the job ids of the batch's notifications that have a job, in order.
 */
function notificationActivity(batch: Pending[], queued: (string | null)[]): ActivityEntry[] {
  let next = 0;
  return batch.map(({ row, job, requestId }) => {
    const jobId = job ? queued[next++] : undefined;
    const outcome = !job ? 'ignored' : jobId ? 'queued' : 'duplicate';
    const said = {
      queued: 'its read of the payment is queued',
      duplicate: 'duplicate: a read of this payment is already queued',
      ignored: row.outcome,
    };
    return {
      kind: 'notification',
      at: row.received_at as Date,
      storeId: row.store_id as string,
      requestId,
      summary: `Mercado Pago notification ${row.topic as string} ${row.resource_id as string} (${row.format as string}, ${row.signature as string}): ${said[outcome] as string}`,
      providerRef: row.resource_id as string,
      jobId: jobId ?? undefined,
      outcome,
      detail: { notification_id: row.id, action: row.action, provider_request_id: row.provider_request_id },
    };
  });
}

const SIGNATURE_MESSAGES = {
  missing: 'This store verifies Mercado Pago notifications: the x-signature header is required.',
  invalid: 'The x-signature does not match this store’s Mercado Pago webhook secret.',
  expired: 'The x-signature timestamp is too far from the current time.',
} as const;
