import { z } from 'zod';
import { ORDER_STATUSES, type Order } from './order.entity.js';

/** The `order` object of the API, webhooks and events. */
export function orderJson(order: Order) {
  return {
    id: order.id,
    object: 'order' as const,
    status: order.status,
    external_id: order.externalId ?? null,
    currency: order.currency,
    items: order.items,
    amount_subtotal: order.amountSubtotal,
    shipping_amount: order.shippingAmount,
    amount_total: order.amountTotal,
    amount_paid: order.amountPaid,
    amount_refunded: order.amountRefunded,
    customer: order.customer,
    notify: order.notify,
    metadata: order.metadata,
    livemode: order.livemode,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  };
}

export type OrderJson = ReturnType<typeof orderJson>;

/** The same shape as a schema, for the OpenAPI document. */
export const OrderObject = z.object({
  id: z.string(),
  object: z.literal('order'),
  status: z.enum(ORDER_STATUSES),
  external_id: z.string().nullable(),
  currency: z.string(),
  items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number(), unit_amount: z.number(), amount: z.number() })),
  amount_subtotal: z.number(),
  shipping_amount: z.number(),
  amount_total: z.number(),
  amount_paid: z.number(),
  amount_refunded: z.number(),
  customer: z.object({
    email: z.string().optional(),
    name: z.string().optional(),
    phone: z.string().optional(),
    locale: z.string().optional(),
  }),
  notify: z.object({ email: z.boolean(), whatsapp: z.boolean() }),
  metadata: z.record(z.string(), z.string()),
  livemode: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
