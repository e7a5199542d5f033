import { OptimisticLockError } from '../../db/mikro-orm.js';
import type { Db, Orm } from '../../db/orm.js';
import type { Reads } from '../../db/reads.js';
import type { Clock } from '../../shared/clock.js';
import { paginate, type Page } from '../../db/paginate.js';
import { invalidRequest, invalidState, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { EventType } from '../events/event-types.js';
import { recordEvent } from '../events/record-event.js';
import { traceAlso } from '../activity/trace.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { OrderSchema } from '../orders/order.entity.js';
import { orderJson } from '../orders/order.json.js';
import { ownership, readScoped, scopedEm, type Scope } from '../tenancy/scope.js';
import { deriveOrder } from './order-status.js';
import type { CreatePayment, CreateRefund } from './payment-input.js';
import { RefundSchema, refundJson, type Refund } from './refund.entity.js';
import type { ProviderPayment } from './payment-provider.js';
import { PaymentSchema, PaymentTransitionSchema, type Payment, type TransitionCause } from './payment.entity.js';
import { paymentJson } from './payment.json.js';
import type { ProviderRegistry } from './provider-registry.js';
import { decide } from './state-machine.js';

const LOCK_RETRIES = 3;
/**
 * A payment the provider cannot find is only given up this long after we asked for it: a
 * create that timed out may still be in progress there, and MP's search lags behind creates.
 */
export const ABANDON_AFTER_MS = 15 * 60_000;
/** providerStatus of a payment we cancelled ourselves because the provider never showed it. */
const NEVER_RECEIVED = 'not_found';
const REFUNDABLE = new Set(['approved', 'partially_refunded']);

export class PaymentService {
  constructor(
    private readonly orm: Orm,
    private readonly reads: Reads,
    private readonly jobs: JobQueue,
    private readonly providers: ProviderRegistry,
    private readonly clock: Clock,
  ) {}

  /**
   * The payment is committed as `pending` before Mercado Pago is called, so a crash or a
   * timeout mid-call leaves a record that a later read (sync, notification, reconciliation)
   * settles; our payment id is the idempotency key, so a retry never charges twice.
   */
  async create(scope: Scope, input: CreatePayment): Promise<Payment> {
    const { provider, notificationUrl } = await this.providers.target(scope.storeId, scope.mode);
    const payment = await scopedEm(this.orm, scope).transactional(async (em) => {
      const order = await em.findOne(OrderSchema, { id: input.order_id });
      if (!order) throw notFound('resource_missing', `No such order: ${input.order_id}`);
      if (order.status !== 'pending')
        throw invalidState('order_not_payable', `This order is ${order.status}; only pending orders take payments.`);
      const created = em.create(PaymentSchema, {
        id: newId('pay'),
        ...ownership(scope),
        orderId: order.id,
        amount: order.amountTotal - order.amountPaid,
        currency: order.currency,
        method: input.method,
        installments: input.method === 'card' ? input.installments : null,
        provider: 'mercadopago',
      });
      await em.flush();
      await recordEvent(em, this.jobs, scope, 'payment.created', {
        object: paymentJson(created),
        orderId: order.id,
        paymentId: created.id,
      });
      return created;
    });
    traceAlso({ paymentId: payment.id, orderId: payment.orderId });
    const read = await provider.createPayment({
      idempotencyKey: payment.id,
      externalReference: payment.id,
      orderId: payment.orderId,
      amount: payment.amount,
      currency: payment.currency as never,
      method: input.method,
      ...(input.method === 'card'
        ? { token: input.token, paymentMethodId: input.payment_method_id, installments: input.installments, issuerId: input.issuer_id }
        : {}),
      payer: input.payer,
      notificationUrl: notificationUrl ?? undefined,
    });
    return this.applyRead(scope, payment.id, read, 'api', scope.requestId);
  }

  /** What a storefront polls while a Pix or ticket payment is pending. */
  async get(scope: Scope, id: string): Promise<Payment> {
    const payment = await readScoped(this.orm, this.reads, PaymentSchema, scope, id);
    if (!payment) throw notFound('resource_missing', `No such payment: ${id}`);
    traceAlso({ paymentId: payment.id, orderId: payment.orderId });
    return payment;
  }

  async list(scope: Scope, query: { order_id?: string; limit: number; starting_after?: string }): Promise<Page<Payment>> {
    return paginate(scopedEm(this.orm, scope), PaymentSchema, query.order_id ? { orderId: query.order_id } : {}, query);
  }

  /**
   * Refunds all that is left, or `amount` of it. The refund is committed as pending (with
   * refund.created) before the provider is called, keyed by its own id so a retry never
   * refunds twice; then the payment is re-read, which moves it (and the order) on.
   */
  async refund(scope: Scope, paymentId: string, input: CreateRefund): Promise<Refund> {
    // Not found first: another store's id must answer exactly like an unknown one.
    await this.get(scope, paymentId);
    const provider = await this.providers.forStore(scope.storeId, scope.mode);
    const { payment, refund } = await scopedEm(this.orm, scope).transactional(async (em) => {
      const payment = await em.findOne(PaymentSchema, { id: paymentId });
      if (!payment) throw notFound('resource_missing', `No such payment: ${paymentId}`);
      if (!REFUNDABLE.has(payment.status) || !payment.providerPaymentId) {
        throw invalidState('payment_not_refundable', `Only approved payments can be refunded; this one is ${payment.status}.`);
      }
      // Refunds still pending count: two refunds in flight cannot add up to more than was paid.
      const taken = (await em.find(RefundSchema, { paymentId, status: { $in: ['pending', 'succeeded'] } })).reduce(
        (sum, r) => sum + r.amount,
        0,
      );
      const remaining = payment.amount - taken;
      if (remaining <= 0) throw invalidState('payment_fully_refunded', 'This payment has been refunded in full already.');
      const amount = input.amount ?? remaining;
      if (amount > remaining) throw invalidRequest('refund_exceeds_remaining', `At most ${remaining} can still be refunded.`, 'amount');
      const refund = em.create(RefundSchema, {
        id: newId('re'),
        ...ownership(scope),
        paymentId,
        amount,
        currency: payment.currency,
        reason: input.reason ?? null,
      });
      await em.flush();
      await recordEvent(em, this.jobs, scope, 'refund.created', { object: refundJson(refund), orderId: payment.orderId, paymentId });
      return { payment, refund };
    });
    const result = await provider
      .refund({
        providerPaymentId: payment.providerPaymentId!,
        amount: refund.amount,
        currency: payment.currency as never,
        idempotencyKey: refund.id,
      })
      .catch(async (error: unknown) => {
        // A definite refusal fails the refund; an unknown outcome (timeout) leaves it pending for a retry with the same key.
        if (!(error as { outcomeUnknown?: boolean }).outcomeUnknown)
          await this.settleRefund(scope, refund.id, { status: 'failed', providerRefundId: null });
        throw error;
      });
    const settled = await this.settleRefund(scope, refund.id, { status: result.status, providerRefundId: result.providerRefundId });
    await this.applyRead(scope, payment.id, await provider.getPayment(payment.providerPaymentId!), 'api', scope.requestId);
    return settled;
  }

  private async settleRefund(
    scope: Scope,
    refundId: string,
    outcome: { status: Refund['status']; providerRefundId: string | null },
  ): Promise<Refund> {
    return scopedEm(this.orm, scope).transactional(async (em) => {
      const refund = await em.findOneOrFail(RefundSchema, { id: refundId });
      em.assign(refund, outcome);
      await em.flush();
      if (outcome.status !== 'pending') {
        await recordEvent(em, this.jobs, scope, outcome.status === 'succeeded' ? 'refund.succeeded' : 'refund.failed', {
          object: refundJson(refund),
          paymentId: refund.paymentId,
        });
      }
      return refund;
    });
  }

  /** Re-reads the payment from the provider now and applies it (`POST /v1/payments/:id/sync`). */
  async sync(scope: Scope, id: string): Promise<Payment> {
    return this.refresh(scope, id, 'sync', scope.requestId);
  }

  /**
   * Re-reads the payment from the provider and applies it. A payment whose create call never
   * answered has no provider id yet: it is found by our id, its external_reference; if the
   * provider still has not got it ABANDON_AFTER_MS after the create, it is cancelled.
   */
  async refresh(scope: Scope, id: string, cause: TransitionCause, causeId: string | null): Promise<Payment> {
    const payment = await this.get(scope, id);
    const provider = await this.providers.forStore(scope.storeId, scope.mode);
    const read = payment.providerPaymentId
      ? await provider.getPayment(payment.providerPaymentId)
      : (await provider.searchByExternalReference(payment.id))[0];
    if (!read) {
      const age = this.clock.now().getTime() - payment.createdAt.getTime();
      return age < ABANDON_AFTER_MS ? payment : this.abandon(scope, payment, cause, causeId);
    }
    return this.applyRead(scope, payment.id, read, cause, causeId);
  }

  /** Cancels a payment that has not been approved (pending, in process or authorized). */
  async cancel(scope: Scope, id: string): Promise<Payment> {
    const payment = await this.get(scope, id);
    if (!['pending', 'in_process', 'authorized'].includes(payment.status)) {
      throw invalidState(
        'payment_not_cancellable',
        `Only pending, in-process or authorized payments can be cancelled; this one is ${payment.status}.`,
      );
    }
    if (!payment.providerPaymentId) {
      const synced = await this.sync(scope, id);
      if (synced.status === 'cancelled') return synced;
      if (!synced.providerPaymentId) {
        throw invalidState(
          'payment_outcome_unknown',
          'Mercado Pago has not shown this payment yet (its creation went unanswered); try again in a few minutes.',
        );
      }
      return this.cancel(scope, id);
    }
    const provider = await this.providers.forStore(scope.storeId, scope.mode);
    return this.applyRead(scope, payment.id, await provider.cancel(payment.providerPaymentId), 'api', scope.requestId);
  }

  /** A payment the provider never received: nothing was charged, so it ends cancelled. */
  private async abandon(scope: Scope, payment: Payment, cause: TransitionCause, causeId: string | null): Promise<Payment> {
    return this.applyRead(
      scope,
      payment.id,
      {
        providerPaymentId: null as never,
        status: 'cancelled',
        providerStatus: NEVER_RECEIVED,
        providerStatusDetail: 'never_received',
        amount: payment.amount,
        amountRefunded: 0,
        currency: payment.currency as never,
        externalReference: payment.id,
        method: payment.method,
        installments: payment.installments ?? null,
        pix: null,
        liveMode: payment.livemode,
        approvedAt: null,
        updatedAt: null,
      },
      cause,
      causeId,
    );
  }

  /**
   * Applies an authoritative read of the payment through the state machine: the new status,
   * a transition row and the events, and the order recomputed, in one transaction. Ignored
   * reads (stale, backward) are recorded too. Concurrent applications retry on the version.
   */
  async applyRead(
    scope: Scope,
    paymentId: string,
    read: ProviderPayment,
    cause: TransitionCause,
    causeId: string | null,
  ): Promise<Payment> {
    // Most reads (repeated notifications, reconciliation of a payment still waiting) change
    // nothing: those are answered without a transaction, from Reads, so they do not queue on
    // SQLite's one writer connection behind the transactions of the reads that do change something.
    const current = await this.get(scope, paymentId);
    if (sameAsRead(current, read)) return current;
    for (let attempt = 1; ; attempt++) {
      try {
        return await scopedEm(this.orm, scope).transactional((em) => this.applyIn(em, scope, paymentId, read, cause, causeId));
      } catch (error) {
        if (!(error instanceof OptimisticLockError) || attempt >= LOCK_RETRIES) throw error;
      }
    }
  }

  private async applyIn(
    em: Db,
    scope: Scope,
    paymentId: string,
    read: ProviderPayment,
    cause: TransitionCause,
    causeId: string | null,
  ): Promise<Payment> {
    const payment = await em.findOneOrFail(PaymentSchema, { id: paymentId });
    // The first read is news even when the status stays pending (it brings the Pix code, the provider id).
    const firstRead = payment.providerStatus == null;
    // Our own "never received" verdict yields to the provider showing the payment after all.
    const current = payment.providerStatus === NEVER_RECEIVED ? 'pending' : payment.status;
    const decision = decide(
      { status: current, providerUpdatedAt: payment.providerUpdatedAt ?? null },
      { status: read.status, providerUpdatedAt: read.updatedAt },
    );
    if (!decision.apply && decision.reason !== 'unchanged') {
      em.create(PaymentTransitionSchema, {
        id: newId('ptr'),
        paymentId,
        from: payment.status,
        to: read.status,
        applied: false,
        reason: decision.reason,
        cause,
        causeId,
      });
      return payment;
    }
    const from = payment.status;
    // Another partial refund leaves the status as it is but is news all the same.
    const refundedMore = read.amountRefunded !== payment.amountRefunded;
    em.assign(payment, {
      status: read.status,
      amountRefunded: read.amountRefunded,
      providerPaymentId: read.providerPaymentId,
      providerStatus: read.providerStatus,
      providerStatusDetail: read.providerStatusDetail,
      providerUpdatedAt: read.updatedAt,
      pix: read.pix ?? payment.pix ?? null,
    });
    if (!decision.apply && !firstRead && !refundedMore) return payment;
    em.create(PaymentTransitionSchema, { id: newId('ptr'), paymentId, from, to: read.status, applied: true, reason: null, cause, causeId });
    await em.flush();
    await recordEvent(em, this.jobs, scope, `payment.${read.status}` as EventType, {
      object: paymentJson(payment),
      previousAttributes: from === read.status ? undefined : { status: from },
      orderId: payment.orderId,
      paymentId,
    });
    await this.refreshOrder(em, scope, payment.orderId);
    return payment;
  }

  private async refreshOrder(em: Db, scope: Scope, orderId: string): Promise<void> {
    const order = await em.findOneOrFail(OrderSchema, { id: orderId });
    const payments = await em.find(PaymentSchema, { orderId });
    const derived = deriveOrder(order, payments);
    const previous = { status: order.status, amount_paid: order.amountPaid, amount_refunded: order.amountRefunded };
    em.assign(order, derived);
    await em.flush();
    if (derived.status === previous.status || derived.status === 'pending' || derived.status === 'cancelled') return;
    await recordEvent(em, this.jobs, scope, `order.${derived.status}` as EventType, {
      object: orderJson(order),
      previousAttributes: previous,
      orderId,
    });
  }
}

/** The read tells nothing the record does not already say (and it is not the first read). */
function sameAsRead(payment: Payment, read: ProviderPayment): boolean {
  return (
    payment.providerStatus != null &&
    payment.providerStatus !== NEVER_RECEIVED &&
    payment.status === read.status &&
    payment.amountRefunded === read.amountRefunded &&
    payment.providerPaymentId === read.providerPaymentId &&
    payment.providerStatus === read.providerStatus &&
    (payment.providerStatusDetail ?? null) === read.providerStatusDetail &&
    (payment.providerUpdatedAt?.getTime() ?? null) === (read.updatedAt?.getTime() ?? null)
  );
}
