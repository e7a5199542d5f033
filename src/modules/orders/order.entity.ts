import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';

export const ORDER_STATUSES = ['pending', 'paid', 'partially_refunded', 'refunded', 'cancelled', 'disputed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  unit_amount: number;
  amount: number;
}

export interface OrderCustomer {
  email?: string;
  name?: string;
  phone?: string;
  locale?: string;
}

export const OrderSchema = defineEntity({
  name: 'Order',
  tableName: 'orders',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    status: p.enum([...ORDER_STATUSES]).default('pending'),
    externalId: p.string().nullable(),
    currency: p.string().length(3),
    items: p.json<OrderItem[]>(),
    amountSubtotal: p.bigint('number'),
    shippingAmount: p.bigint('number'),
    amountTotal: p.bigint('number'),
    amountPaid: p.bigint('number').default(0),
    amountRefunded: p.bigint('number').default(0),
    customer: p.json<OrderCustomer>(),
    /** Lower-cased copy of customer.email, so orders can be found by it. */
    customerEmail: p.string().nullable(),
    notify: p.json<{ email: boolean; whatsapp: boolean }>(),
    metadata: p.json<Record<string, string>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
  uniques: [{ properties: ['store', 'livemode', 'externalId'] }],
  // Each list and filter walks one of these in id order (migration 17).
  indexes: [
    { properties: ['store', 'livemode', 'id'] },
    { properties: ['store', 'livemode', 'status', 'id'] },
    { properties: ['store', 'livemode', 'customerEmail', 'id'] },
  ],
  filters: tenantFilter,
});

export type Order = InferEntity<typeof OrderSchema>;
