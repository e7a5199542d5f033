import type { EventSubscriber, FlushEventArgs, Transaction, TransactionEventArgs } from '@mikro-orm/core';
import { ChangeSetType } from '../../db/mikro-orm.js';
import { dbDate, type Db, type Orm } from '../../db/orm.js';
import { appendRows } from '../../db/append-rows.js';
import type { Logger } from '../../runtime/logger.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { redact } from '../../shared/redact.js';
import type { ActivityKind, ActivityLevel } from './activity.entity.js';
import { describeChange } from './describe-change.js';
import { currentTrace, type Trace } from './trace.js';

export interface ActivityEntry extends Trace {
  kind: ActivityKind;
  level?: ActivityLevel;
  summary: string;
  at?: Date;
  providerRef?: string | null;
  durationMs?: number | null;
  outcome?: string | null;
  detail?: Record<string, unknown> | null;
}

const COLUMNS = [
  'id',
  'at',
  'level',
  'kind',
  'summary',
  'store_id',
  'livemode',
  'request_id',
  'order_id',
  'payment_id',
  'message_id',
  'event_id',
  'job_id',
  'provider_ref',
  'duration_ms',
  'outcome',
  'detail',
] as const;

interface Recorded {
  entry: ActivityEntry;
  row: unknown[] | null;
}

/** Rows per statement: with 17 columns, far below PostgreSQL's 65,535 bound parameters. */
const MAX_BATCH = 500;

/**
 * Writes the activity log, off the hot path: rows are buffered and written in batches a moment
 * later (at most FLUSH_MS), so a request pays for a push, not for an insert. Rows that describe a
 * change of state (every event, every refused payment transition) come by themselves: this is an
 * ORM subscriber that turns each such entity a flush creates into a row, and buffers it only
 * once its transaction has committed, so the log never tells of a change that did not happen.
 * A crash may lose the last FLUSH_MS of rows; the changes themselves are in their own tables.
 * Every row carries the ids of the trace it was written in (request, store, order, payment, job…).
 */
export class ActivityLog implements EventSubscriber {
  private buffer: unknown[][] = [];
  /** Changes flushed but not yet committed, by root transaction (or by entity manager for a flush's own transaction). */
  private readonly uncommitted = new WeakMap<object, Recorded[]>();
  private readonly observers: ((entry: ActivityEntry) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly enabled: boolean,
    private readonly flushMs = 200,
  ) {}

  /** Also told of every entry, written or not (the metrics count from the same facts). */
  observe(observer: (entry: ActivityEntry) => void): void {
    this.observers.push(observer);
  }

  record(entry: ActivityEntry): void {
    this.emit([this.recorded(entry)]);
  }

  /** Writes what is buffered; resolves once it is written (shutdown, tests, `baas logs` in the same process). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.buffer.splice(0);
    if (rows.length === 0) return this.writing;
    this.writing = this.writing.then(() => this.insert(rows));
    return this.writing;
  }

  /** Every event and every payment transition a flush creates: its row waits for the commit. */
  onFlush(args: FlushEventArgs): void {
    if (!this.enabled && this.observers.length === 0) return;
    const changes: Recorded[] = [];
    for (const changeSet of args.uow.getChangeSets()) {
      if (changeSet.type !== ChangeSetType.CREATE) continue;
      const entry = describeChange(changeSet.meta.className, changeSet.entity as Record<string, unknown>, currentTrace());
      if (entry) changes.push(this.recorded(entry));
    }
    if (changes.length === 0) return;
    const key = args.em.isInTransaction() ? rootTransaction(args.em.getTransactionContext()!) : args.em;
    this.uncommitted.set(key, [...(this.uncommitted.get(key) ?? []), ...changes]);
  }

  /** A flush outside a transaction ran in its own, committed by now. */
  afterFlush(args: FlushEventArgs): void {
    if (!args.em.isInTransaction()) this.release(args.em);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    if (args.transaction) this.release(args.transaction);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    if (args.transaction) this.uncommitted.delete(args.transaction);
  }

  private release(key: object): void {
    const changes = this.uncommitted.get(key);
    if (!changes) return;
    this.uncommitted.delete(key);
    this.emit(changes);
  }

  /** The row is built when the fact is recorded, while its trace is the current one. */
  private recorded(entry: ActivityEntry): Recorded {
    return { entry, row: this.enabled ? this.row(entry) : null };
  }

  private emit(facts: Recorded[]): void {
    for (const { entry, row } of facts) {
      for (const observer of this.observers) observer(entry);
      if (row) this.buffer.push(row);
    }
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else if (this.buffer.length > 0) this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  private async insert(rows: unknown[][]): Promise<void> {
    const em = this.orm.em.fork();
    try {
      for (let start = 0; start < rows.length; start += MAX_BATCH) {
        await appendRows(em, 'activity_log', COLUMNS, rows.slice(start, start + MAX_BATCH));
      }
    } catch (error) {
      // The log must never take the work it describes down with it.
      this.logger.error({ err: error, rows: rows.length }, 'could not write to the activity log');
    }
  }

  private fields(entry: ActivityEntry) {
    const trace = currentTrace();
    return {
      id: newId('log'),
      at: entry.at ?? this.clock.now(),
      level: entry.level ?? ('info' as const),
      kind: entry.kind,
      summary: entry.summary.slice(0, 1000),
      storeId: entry.storeId ?? trace?.storeId ?? null,
      livemode: entry.livemode ?? trace?.livemode ?? null,
      requestId: entry.requestId ?? trace?.requestId ?? null,
      orderId: entry.orderId ?? trace?.orderId ?? null,
      paymentId: entry.paymentId ?? trace?.paymentId ?? null,
      messageId: entry.messageId ?? trace?.messageId ?? null,
      eventId: entry.eventId ?? trace?.eventId ?? null,
      jobId: entry.jobId ?? trace?.jobId ?? null,
      providerRef: entry.providerRef?.slice(0, 255) ?? null,
      durationMs: entry.durationMs == null ? null : Math.round(entry.durationMs),
      outcome: entry.outcome?.slice(0, 64) ?? null,
      detail: entry.detail ? (redact(entry.detail) as Record<string, unknown>) : null,
    };
  }

  private row(entry: ActivityEntry, em?: Db): unknown[] {
    const f = this.fields(entry);
    return [
      f.id,
      em ? dbDate(em, f.at) : f.at,
      f.level,
      f.kind,
      f.summary,
      f.storeId,
      f.livemode,
      f.requestId,
      f.orderId,
      f.paymentId,
      f.messageId,
      f.eventId,
      f.jobId,
      f.providerRef,
      f.durationMs,
      f.outcome,
      f.detail ? JSON.stringify(f.detail) : null,
    ];
  }
}

/**
 * The outermost transaction of a (possibly nested, savepoint) one: commit hooks run for it
 * alone. MikroORM links a nested transaction to its parent under a private symbol, and finds the
 * root the same way (AbstractSqlConnection's isRootTransaction).
 */
function rootTransaction(transaction: Transaction): object {
  let current = transaction as unknown as Record<symbol, unknown>;
  for (;;) {
    const link = Object.getOwnPropertySymbols(current).find((symbol) => symbol.description === 'parentTransaction');
    const parent = link ? current[link] : undefined;
    if (!parent) return current;
    current = parent as Record<symbol, unknown>;
  }
}
