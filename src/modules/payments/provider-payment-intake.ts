import { UniqueConstraintViolationException } from '../../db/mikro-orm.js';
import type { Orm } from '../../db/orm.js';
import { newId } from '../../shared/ids.js';
import { recordEvent } from '../events/record-event.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import { ownership, scopedEm, type Scope } from '../tenancy/scope.js';
import { CheckoutSchema } from './checkout.entity.js';
import { PaymentProviderError, type PaymentProvider, type ProviderPayment } from './payment-provider.js';
import { PaymentSchema, type Payment, type TransitionCause } from './payment.entity.js';
import { paymentJson } from './payment.json.js';
import { paymentByProviderId } from './sql/payment-by-provider-id.js';
import type { PaymentService } from './payment.service.js';
import type { ProviderRegistry } from './provider-registry.js';

export interface IntakeCause {
  cause: TransitionCause;
  /** The notification or job that led here, recorded on the transition. */
  causeId: string | null;
}

export type IntakeOutcome =
  | { result: 'applied'; paymentId: string; status: Payment['status']; mode: KeyMode }
  | { result: 'ignored'; reason: string };

/** The provider does not (yet) know the payment: MP notifies before the payment is readable. */
export class PaymentNotReadable extends Error {
  constructor(providerPaymentId: string) {
    super(`Mercado Pago does not know payment ${providerPaymentId} yet (404 in every mode this store is set up for)`);
    this.name = 'PaymentNotReadable';
  }
}

/**
 * Takes in a provider payment we were told about (a notification) or went looking for
 * (reconciliation): reads it back from the provider — never trusting the message — finds ours
 * or adopts it when it was made on a Checkout Pro page, and applies it through the state machine.
 */
export class ProviderPaymentIntake {
  constructor(
    private readonly orm: Orm,
    private readonly jobs: JobQueue,
    private readonly providers: ProviderRegistry,
    private readonly payments: PaymentService,
  ) {}

  /** A provider payment id, with only the store known: the mode is learnt from who can read it. */
  async settle(storeId: string, providerPaymentId: string, why: IntakeCause): Promise<IntakeOutcome> {
    const known = await paymentByProviderId(this.orm.em.fork(), storeId, providerPaymentId);
    // Known payments in the mode they were made in; otherwise live, then test.
    const modes: KeyMode[] = known ? [known.livemode ? 'live' : 'test'] : ['live', 'test'];
    for (const mode of modes) {
      const provider = await this.providerFor(storeId, mode);
      if (!provider) continue;
      const read = await provider.getPayment(providerPaymentId).catch((error: unknown) => {
        if (error instanceof PaymentProviderError && error.providerHttpStatus === 404) return null;
        throw error;
      });
      if (read) return this.take({ storeId, mode, requestId: null }, read, why, known?.id);
    }
    throw new PaymentNotReadable(providerPaymentId);
  }

  /**
   * Applies a read to our payment: `knownId` when the caller found it already, else found by
   * provider id or external reference, or adopted from a checkout.
   */
  async take(scope: Scope, read: ProviderPayment, why: IntakeCause, knownId?: string): Promise<IntakeOutcome> {
    const paymentId = knownId ?? (await this.localPaymentId(scope, read));
    if (!paymentId) return { result: 'ignored', reason: `external_reference ${read.externalReference ?? '(none)'} is not one of ours` };
    const payment = await this.payments.applyRead(scope, paymentId, read, why.cause, why.causeId);
    return { result: 'applied', paymentId: payment.id, status: payment.status, mode: scope.mode };
  }

  private async providerFor(storeId: string, mode: KeyMode): Promise<PaymentProvider | null> {
    try {
      return await this.providers.forStore(storeId, mode);
    } catch (error) {
      if ((error as { code?: string }).code === 'provider_not_configured') return null;
      throw error;
    }
  }

  private async localPaymentId(scope: Scope, read: ProviderPayment): Promise<string | null> {
    const em = scopedEm(this.orm, scope);
    const byProviderId = await paymentByProviderId(em, scope.storeId, read.providerPaymentId, scope.mode === 'live');
    if (byProviderId) return byProviderId.id;
    const reference = read.externalReference ?? '';
    if (reference.startsWith('pay_')) return (await em.findOne(PaymentSchema, { id: reference }, { fields: ['id'] }))?.id ?? null;
    if (reference.startsWith('chk_')) return this.adopt(scope, read, reference);
    return null;
  }

  /**
   * A payment made on a checkout page: recorded as ours, linked to the checkout's order, with
   * its `payment.created` event. Two notifications racing to adopt it meet at the unique
   * provider id; the loser finds the winner's record.
   */
  private async adopt(scope: Scope, read: ProviderPayment, checkoutId: string): Promise<string | null> {
    try {
      return await scopedEm(this.orm, scope).transactional(async (em) => {
        const checkout = await em.findOne(CheckoutSchema, { id: checkoutId });
        if (!checkout) return null;
        const payment = em.create(PaymentSchema, {
          id: newId('pay'),
          ...ownership(scope),
          orderId: checkout.orderId,
          checkoutId,
          amount: read.amount,
          currency: read.currency,
          method: read.method,
          installments: read.installments,
          provider: 'mercadopago',
          providerPaymentId: read.providerPaymentId,
        });
        await em.flush();
        await recordEvent(em, this.jobs, scope, 'payment.created', {
          object: paymentJson(payment),
          orderId: payment.orderId,
          paymentId: payment.id,
        });
        return payment.id;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await scopedEm(this.orm, scope).findOne(
        PaymentSchema,
        { providerPaymentId: read.providerPaymentId },
        { fields: ['id'] },
      );
      return winner?.id ?? null;
    }
  }
}
