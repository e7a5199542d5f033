import { z } from 'zod';
import { MESSAGE_STATUSES } from '../messages/message-status.js';
import { REFUND_STATUSES } from '../payments/refund.entity.js';
import { PAYMENT_STATUSES } from '../payments/state-machine.js';

/** `{"pending": 0, "approved": 3, …}`: one count for each of `keys`, always all of them. */
function countsOf<const T extends readonly string[]>(keys: T, description: string) {
  return z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<T[number], z.ZodNumber>).describe(description);
}

export const Volume = z.object({
  currency: z.string(),
  count: z.number().int(),
  amount: z.number().int().describe('In minor units (cents; CLP has none)'),
  formatted: z.string().describe('The amount with its decimals and currency, e.g. `229.60 BRL`'),
});

export type Volume = z.output<typeof Volume>;

/** The figures of one store (or the sum of several) over one period in one mode. */
export const UsageFigures = z.object({
  api_requests: z.object({
    count: z.number().int().describe('Calls to /v1 with this store’s keys of this mode, whatever their answer'),
    complete: z
      .boolean()
      .describe('false when part of the period was counted from activity rows that had been purged before it was rolled up'),
  }),
  orders: z.object({ created: z.number().int() }),
  payments: z.object({
    by_status: countsOf(PAYMENT_STATUSES, 'Payments created in the period, by their status now'),
    approved_volume: z
      .array(Volume)
      .describe('Payments created in the period that were approved (refunds and chargebacks included), per currency'),
  }),
  refunds: z.object({
    by_status: countsOf(REFUND_STATUSES, 'Refunds created in the period, by status'),
    refunded_volume: z.array(Volume).describe('Succeeded refunds per currency'),
  }),
  webhook_deliveries: z.object({
    succeeded: z.number().int().describe('Delivery attempts that got a 2xx'),
    failed: z.number().int().describe('Delivery attempts that did not (each retry is an attempt)'),
    complete: z.boolean().describe('false when part of the period was counted from attempts purged before it was rolled up'),
  }),
  messages: z.object({
    email: countsOf(MESSAGE_STATUSES, 'E-mails created in the period, by their status now'),
    whatsapp: countsOf(MESSAGE_STATUSES, 'WhatsApp messages created in the period, by their status now'),
    whatsapp_billable: z.number().int().describe('WhatsApp messages delivered or read: what Meta charges for'),
  }),
  inbound_notifications: z.object({
    mercadopago: z.number().int().describe('Mercado Pago notifications about payments of this mode'),
    whatsapp: z.number().int().describe('WhatsApp webhooks about messages of this mode'),
    unattributed: z
      .number()
      .int()
      .describe('Notifications about nothing of this store (other topics, customers’ own messages, unknown ids): they have no mode'),
  }),
});

export type UsageFigures = z.output<typeof UsageFigures>;

export const UsageObject = z.object({
  object: z.literal('usage'),
  store_id: z.string(),
  store_name: z.string(),
  livemode: z.boolean(),
  period: z.object({
    from: z.string().describe('Inclusive, ISO 8601 UTC'),
    to: z.string().describe('Exclusive, ISO 8601 UTC'),
    timezone: z.string().describe('The store’s time zone, in which the period’s dates were read'),
    month: z.string().nullable().describe('`2026-11` when the period is a calendar month'),
  }),
  ...UsageFigures.shape,
});

export type Usage = z.output<typeof UsageObject>;
