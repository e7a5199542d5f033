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
  /** Only what has waited this long for a notification is looked at (and again after as long). */
  minAgeMs?: number;
  /** Provider reads per run, oldest first: a backlog drains over several runs instead of flooding MP. */
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
}

const UNSETTLED = ['pending', 'in_process', 'authorized'];

/**
 * The safety net for lost notifications (or none at all, when MP cannot reach us): payments
 * still unsettled and Checkout Pro links whose order is still unpaid are read back from the
 * provider and applied, with cause `reconciliation`. Each candidate is stamped before it is
 * read, so one that fails does not hold the head of the queue.
 */
export class PaymentReconciler {
  private readonly minAgeMs: number;
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
    this.batch = options.batch ?? 50;
    this.checkoutGraceMs = options.checkoutGraceMs ?? 24 * 3600_000;
  }

  task(): PeriodicTask {
    return { name: 'payments-reconcile', schedule: '0 */5 * * * *', run: () => this.run() };
  }

  async run(): Promise<ReconciliationResult> {
    const result: ReconciliationResult = { payments: 0, checkouts: 0, failed: 0 };
    for (const payment of await this.due('payments')) {
      const ok = await this.attempt(payment, (scope) => this.payments.refresh(scope, payment.id, 'reconciliation', null));
      if (ok) result.payments++;
      else result.failed++;
    }
    for (const checkout of await this.due('checkouts')) {
      const ok = await this.attempt(checkout, async (scope) => {
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

  private async attempt(candidate: Candidate, work: (scope: Scope) => Promise<unknown>): Promise<boolean> {
    const mode: KeyMode = candidate.livemode ? 'live' : 'test';
    try {
      await work({ storeId: candidate.store_id, mode, requestId: null });
      return true;
    } catch (error) {
      this.logger.warn(
        { err: error, store_id: candidate.store_id, subject_id: candidate.id },
        'reconciliation could not settle it; next run tries again',
      );
      return false;
    }
  }

  /** The oldest candidates not looked at recently, stamped as looked at now. */
  private async due(kind: 'payments' | 'checkouts'): Promise<Candidate[]> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const before = dbDate(em, new Date(now.getTime() - this.minAgeMs));
    const rows =
      kind === 'payments'
        ? await em.execute<Candidate[]>(
            `select id, store_id, livemode from payments
              where status in (${UNSETTLED.map(() => '?').join(', ')}) and created_at < ? and (reconciled_at is null or reconciled_at < ?)
              order by created_at limit ?`,
            [...UNSETTLED, before, before, this.batch],
          )
        : await em.execute<Candidate[]>(
            `select c.id, c.store_id, c.livemode from checkouts c join orders o on o.id = c.order_id
              where o.status = 'pending' and c.created_at < ? and (c.reconciled_at is null or c.reconciled_at < ?)
                and (c.expires_at is null or c.expires_at > ?)
              order by c.created_at limit ?`,
            [before, before, dbDate(em, new Date(now.getTime() - this.checkoutGraceMs)), this.batch],
          );
    if (rows.length > 0) {
      const ids = rows.map((row) => row.id);
      await em.execute(`update ${kind} set reconciled_at = ? where id in (${ids.map(() => '?').join(', ')})`, [dbDate(em, now), ...ids]);
    }
    return rows;
  }
}
