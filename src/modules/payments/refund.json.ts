import { z } from 'zod';
import { REFUND_STATUSES } from './refund.entity.js';

/** The `refund` object of the API, webhooks and events (refundJson in refund.entity.ts renders it). */
export const RefundObject = z.object({
  id: z.string(),
  object: z.literal('refund'),
  payment_id: z.string(),
  amount: z.number(),
  currency: z.string(),
  status: z.enum(REFUND_STATUSES),
  reason: z.string().nullable(),
  provider_refund_id: z.string().nullable(),
  livemode: z.boolean(),
  created_at: z.string(),
});
