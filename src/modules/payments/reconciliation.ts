import { dbDate, type Orm } from '../../db/orm.js';
import type { Logger } from '../../runtime/logger.js';
import type { Clock } from '../../shared/clock.js';
import type { PeriodicTask } from '../jobs/scheduler.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import type { Scope } from '../tenancy/scope.js';
import type { PaymentService } from './payment.service.js';
import type { ProviderPaymentIntake } from './provider-payment-intake.js';
import type { ProviderRegistry } from './provider-registry.js';

export interface ReconciliationOptions {
  /** Only what has waited this long for a notification is looked at; a failed look is retried after as long. */
  minAgeMs?: number;
  /** The longest wait between two looks at one candidate (see nextLookAt). */
  maxIntervalMs?: number;
  /** Provider reads per run, in the order they fell due: a backlog drains over several runs instead of flooding MP. */
  batch?: number;
  /** Checkouts are searched until this long after they expire (a payment started in time may finish late). */
  checkoutGraceMs?: number;
}

export interface ReconciliationResult {
  payments: number;
  checkouts: number;
  failed: number;
}

interface Candidate {
  id: string;
  store_id: string;
  livemode: number | boolean;
  /** A Date on PostgreSQL, epoch milliseconds on SQLite. */
  created_at: Date | number;
}

const UNSETTLED = ['pending', 'in_process', 'authorized'];

/**
 * The safety net for lost notifications (or none at all, when MP cannot reach us): payments
 * still unsettled and Checkout Pro links whose order is still unpaid are read back from the
 * provider and applied, with cause `reconciliation`. Each candidate is given the time of its
 * next look before it is read, so one that fails does not hold the head of the queue, and the
 * candidates are taken in the order they fall due, so a backlog larger than a run delays
 * each of them a little instead of starving the newest.
 */
export class PaymentReconciler {
  private readonly minAgeMs: number;
  private readonly maxIntervalMs: number;
  private readonly batch: number;
  private readonly checkoutGraceMs: number;

  constructor(
    private readonly orm: Orm,
    private readonly payments: PaymentService,
    private readonly intake: ProviderPaymentIntake,
    private readonly providers: ProviderRegistry,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: ReconciliationOptions = {},
  ) {
    this.minAgeMs = options.minAgeMs ?? 10 * 60_000;
    this.maxIntervalMs = options.maxIntervalMs ?? 3600_000;
    this.batch = options.batch ?? 50;
    this.checkoutGraceMs = options.checkoutGraceMs ?? 24 * 3600_000;
  }

  task(): PeriodicTask {
    return { name: 'payments-reconcile', schedule: '0 */5 * * * *', run: () => this.run() };
  }

  async run(): Promise<ReconciliationResult> {
    const result: ReconciliationResult = { payments: 0, checkouts: 0, failed: 0 };
    for (const payment of await this.due('payments')) {
      const ok = await this.attempt('payments', payment, (scope) => this.payments.refresh(scope, payment.id, 'reconciliation', null));
      if (ok) result.payments++;
      else result.failed++;
    }
    for (const checkout of await this.due('checkouts')) {
      const ok = await this.attempt('checkouts', checkout, async (scope) => {
        const provider = await this.providers.forStore(scope.storeId, scope.mode);
        for (const read of await provider.searchByExternalReference(checkout.id)) {
          await this.intake.take(scope, read, { cause: 'reconciliation', causeId: null });
        }
      });
      if (ok) result.checkouts++;
      else result.failed++;
    }
    return result;
  }

  private async attempt(kind: Kind, candidate: Candidate, work: (scope: Scope) => Promise<unknown>): Promise<boolean> {
    const mode: KeyMode = candidate.livemode ? 'live' : 'test';
    try {
      await work({ storeId: candidate.store_id, mode, requestId: null });
      return true;
    } catch (error) {
      this.logger.warn(
        { err: error, store_id: candidate.store_id, subject_id: candidate.id },
        'reconciliation could not settle it; it is tried again soon',
      );
      // The provider's trouble says nothing about the payment: the wait starts over.
      const em = this.orm.em.fork();
      await em.execute(`update ${kind} set reconcile_after = ? where id = ?`, [
        dbDate(em, new Date(this.clock.now().getTime() + this.minAgeMs)),
        candidate.id,
      ]);
      return false;
    }
  }

  /**
   * The candidates whose look is due, in the order they fell due (one never looked at, as of
   * its creation); each is given its next look before it is read.
   */
  private async due(kind: Kind): Promise<Candidate[]> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const before = dbDate(em, new Date(now.getTime() - this.minAgeMs));
    // Never looked at and old enough, or its look is due. `t` is the table's alias.
    const due = (t: string) => `((${t}reconcile_after is null and ${t}created_at < ?) or ${t}reconcile_after <= ?)`;
    const rows =
      kind === 'payments'
        ? await em.execute<Candidate[]>(
            `select id, store_id, livemode, created_at from payments
              where status in (${UNSETTLED.map(() => '?').join(', ')}) and ${due('')}
              order by coalesce(reconcile_after, created_at) limit ?`,
            [...UNSETTLED, before, dbDate(em, now), this.batch],
          )
        : await em.execute<Candidate[]>(
            `select c.id, c.store_id, c.livemode, c.created_at from checkouts c join orders o on o.id = c.order_id
              where o.status = 'pending' and ${due('c.')}
                and (c.expires_at is null or c.expires_at > ?)
              order by coalesce(c.reconcile_after, c.created_at) limit ?`,
            [before, dbDate(em, now), dbDate(em, new Date(now.getTime() - this.checkoutGraceMs)), this.batch],
          );
    for (const row of rows) {
      const next = nextLookAt(new Date(row.created_at), now, this.minAgeMs, this.maxIntervalMs);
      await em.execute(`update ${kind} set reconciled_at = ?, reconcile_after = ? where id = ?`, [
        dbDate(em, now),
        dbDate(em, next),
        row.id,
      ]);
    }
    return rows;
  }
}

type Kind = 'payments' | 'checkouts';

/**
 * After a look at `now`, the next: as long after as the candidate had existed, between
 * `minMs` and `maxMs`. Looks at 10, 20, 40 and 80 minutes, then hourly: a notification lost
 * early is caught early, and an abandoned Checkout Pro link costs Mercado Pago ~50 searches
 * over its two days instead of ~190 (one every 15 minutes).
 */
export function nextLookAt(createdAt: Date, now: Date, minMs: number, maxMs: number): Date {
  const age = now.getTime() - createdAt.getTime();
  return new Date(now.getTime() + Math.min(Math.max(age, minMs), maxMs));
}
