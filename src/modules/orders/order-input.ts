import { z } from 'zod';
import { pageParams } from '../../db/paginate.js';
import { toE164 } from '../../shared/phone.js';
import { ORDER_STATUSES } from './order.entity.js';

/** Far below 2^53, so sums of minor units stay exact in JavaScript numbers. */
export const MAX_AMOUNT = 1_000_000_000_000;

const amount = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of minor units` })
    .int(`${what} must be a whole number of minor units (e.g. 4990 for 49.90)`)
    .min(0, `${what} must not be negative`)
    .max(MAX_AMOUNT, `${what} is too large`);

/** A phone number in any international spelling, normalized to E.164. */
export const PhoneNumber = z.string().transform((value, ctx) => {
  const e164 = toE164(value);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: 'must be a valid phone number in international format, e.g. +5511987654321' });
    return z.NEVER;
  }
  return e164;
});

export const OrderItemInput = z.strictObject({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000),
  unit_amount: amount('unit_amount'),
});

export const CreateOrderInput = z.strictObject({
  external_id: z.string().min(1).max(255).optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as BRL')
    .transform((v) => v.toUpperCase())
    .optional(),
  items: z.array(OrderItemInput).min(1, 'an order needs at least one item').max(100, 'at most 100 items'),
  shipping_amount: amount('shipping_amount').default(0),
  customer: z
    .strictObject({
      email: z.email().max(254).optional(),
      name: z.string().min(1).max(200).optional(),
      phone: PhoneNumber.optional(),
      locale: z
        .string()
        .regex(/^(es|pt|en)(-[A-Z]{2})?$/, 'must be es, pt-BR, en or a regional variant')
        .optional(),
    })
    .default({}),
  notify: z.strictObject({ email: z.boolean().optional(), whatsapp: z.boolean().optional() }).default({}),
  metadata: z
    .record(z.string().min(1).max(40), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys')
    .default({}),
});

export type CreateOrder = z.output<typeof CreateOrderInput>;

export const ListOrdersQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional().describe('Only orders in this status'),
  external_id: z.string().min(1).optional().describe('Only the order with this `external_id`'),
  customer_email: z.string().min(1).optional().describe('Only orders of this customer e-mail (any case)'),
  ...pageParams,
});

export type ListOrders = z.output<typeof ListOrdersQuery>;
