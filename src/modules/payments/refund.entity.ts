import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** Money sent back to the buyer; several partial refunds may add up to the payment. */
export const RefundSchema = defineEntity({
  name: 'Refund',
  tableName: 'refunds',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    paymentId: p.string().index(),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    status: p.enum([...REFUND_STATUSES]).default('pending'),
    reason: p.text().nullable(),
    providerRefundId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
  filters: tenantFilter,
});

export type Refund = InferEntity<typeof RefundSchema>;

export function refundJson(refund: Refund) {
  return {
    id: refund.id,
    object: 'refund' as const,
    payment_id: refund.paymentId,
    amount: refund.amount,
    currency: refund.currency,
    status: refund.status,
    reason: refund.reason ?? null,
    provider_refund_id: refund.providerRefundId ?? null,
    livemode: refund.livemode,
    created_at: refund.createdAt.toISOString(),
  };
}
