import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';
import type { PixInstructions } from './payment-provider.js';
import { PAYMENT_STATUSES } from './state-machine.js';

export const PaymentSchema = defineEntity({
  name: 'Payment',
  tableName: 'payments',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    orderId: p.string().index(),
    status: p.enum([...PAYMENT_STATUSES]).default('pending'),
    amount: p.bigint('number'),
    amountRefunded: p.bigint('number').default(0),
    currency: p.string().length(3),
    method: p.enum(['card', 'pix', 'ticket', 'other']),
    installments: p.integer().nullable(),
    provider: p.string().length(32),
    providerPaymentId: p.string().nullable(),
    providerStatus: p.string().nullable(),
    providerStatusDetail: p.string().nullable(),
    /** The provider's last-change time of the state we hold: older reads are stale. */
    providerUpdatedAt: p.datetime().nullable(),
    pix: p.json<PixInstructions>().nullable(),
    /** Set when the buyer paid through one of our checkouts (Checkout Pro). */
    checkoutId: p.string().nullable(),
    /** Last time reconciliation re-read it from the provider. */
    reconciledAt: p.datetime().nullable(),
    /** When reconciliation looks at it next (null: once it is old enough); the wait grows with its age. */
    reconcileAfter: p.datetime().nullable(),
    /** Optimistic lock: two concurrent applications of reads cannot both win. */
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
  uniques: [{ properties: ['store', 'livemode', 'providerPaymentId'] }],
  indexes: [
    { properties: ['status', 'createdAt'] },
    // The list, and the list of one order's payments, walk these in id order (migration 17).
    { properties: ['store', 'livemode', 'id'] },
    { properties: ['store', 'livemode', 'orderId', 'id'] },
  ],
  filters: tenantFilter,
});

export type Payment = InferEntity<typeof PaymentSchema>;

export const TRANSITION_CAUSES = ['api', 'notification', 'reconciliation', 'sync'] as const;
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];

/** Every read applied to a payment, or ignored and why: the payment's story. */
export const PaymentTransitionSchema = defineEntity({
  name: 'PaymentTransition',
  tableName: 'payment_transitions',
  properties: (p) => ({
    id: p.string().primary(),
    paymentId: p.string().index(),
    from: p.string().length(32),
    to: p.string().length(32),
    applied: p.boolean(),
    /** Why an ignored read was ignored: stale, unchanged, not_allowed. */
    reason: p.string().nullable(),
    cause: p.enum([...TRANSITION_CAUSES]),
    /** The request, notification or job that caused it. */
    causeId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type PaymentTransition = InferEntity<typeof PaymentTransitionSchema>;
