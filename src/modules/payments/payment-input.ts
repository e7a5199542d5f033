import { z } from 'zod';
import { pageParams } from '../../db/paginate.js';

const payer = z.strictObject({
  email: z.email(),
  identification: z.strictObject({ type: z.string().min(1).max(20), number: z.string().min(1).max(40) }).optional(),
});

export const CreatePaymentInput = z.discriminatedUnion('method', [
  z.strictObject({
    order_id: z.string().min(1),
    method: z.literal('card'),
    token: z.string().min(1, 'a card token from Bricks is required'),
    payment_method_id: z.string().min(1),
    installments: z.number().int().min(1).max(48).default(1),
    issuer_id: z.string().min(1).optional(),
    payer,
  }),
  z.strictObject({
    order_id: z.string().min(1),
    method: z.literal('pix'),
    payer,
  }),
]);

export type CreatePayment = z.output<typeof CreatePaymentInput>;

export const ListPaymentsQuery = z.strictObject({
  order_id: z.string().min(1).optional().describe('Only payments of this order'),
  ...pageParams,
});

export const CreateRefundInput = z.strictObject({
  /** Minor units; without it, whatever has not been refunded yet. */
  amount: z.number().int('must be a whole number of minor units').min(1, 'must be at least 1').optional(),
  reason: z.string().max(500).optional(),
});

export type CreateRefund = z.output<typeof CreateRefundInput>;
