import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';

/**
 * A hosted checkout (Mercado Pago Checkout Pro preference) for an order. Its id is the
 * external_reference the provider hands back on every payment the buyer makes there.
 */
export const CheckoutSchema = defineEntity({
  name: 'Checkout',
  tableName: 'checkouts',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    orderId: p.string().index(),
    provider: p.string().length(32),
    providerPreferenceId: p.string(),
    url: p.text(),
    /** Indexed: reconciliation searches only checkouts not long expired (migration 18). */
    expiresAt: p.datetime().nullable().index(),
    /** Last time reconciliation searched the provider for its payments. */
    reconciledAt: p.datetime().nullable(),
    /** When reconciliation looks at it next (null: once it is old enough); the wait grows with its age. */
    reconcileAfter: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
  filters: tenantFilter,
});

export type Checkout = InferEntity<typeof CheckoutSchema>;
