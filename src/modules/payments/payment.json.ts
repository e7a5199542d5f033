import { z } from 'zod';
import type { Payment } from './payment.entity.js';
import { PAYMENT_STATUSES } from './state-machine.js';

/** The `payment` object of the API, webhooks and events. */
export function paymentJson(payment: Payment) {
  return {
    id: payment.id,
    object: 'payment' as const,
    order_id: payment.orderId,
    status: payment.status,
    status_detail: payment.providerStatusDetail ?? null,
    amount: payment.amount,
    amount_refunded: payment.amountRefunded,
    currency: payment.currency,
    method: payment.method,
    installments: payment.installments ?? null,
    provider: payment.provider,
    provider_payment_id: payment.providerPaymentId ?? null,
    provider_status: payment.providerStatus ?? null,
    provider_status_detail: payment.providerStatusDetail ?? null,
    pix: payment.pix
      ? {
          qr_code: payment.pix.qrCode,
          qr_code_base64: payment.pix.qrCodeBase64,
          ticket_url: payment.pix.ticketUrl,
          expires_at: payment.pix.expiresAt,
        }
      : null,
    livemode: payment.livemode,
    created_at: payment.createdAt.toISOString(),
    updated_at: payment.updatedAt.toISOString(),
  };
}

export const PaymentObject = z.object({
  id: z.string(),
  object: z.literal('payment'),
  order_id: z.string(),
  status: z.enum(PAYMENT_STATUSES as [string, ...string[]]),
  status_detail: z.string().nullable(),
  amount: z.number(),
  amount_refunded: z.number(),
  currency: z.string(),
  method: z.enum(['card', 'pix', 'ticket', 'other']),
  installments: z.number().nullable(),
  provider: z.string(),
  provider_payment_id: z.string().nullable(),
  provider_status: z.string().nullable(),
  provider_status_detail: z.string().nullable(),
  pix: z
    .object({
      qr_code: z.string().nullable(),
      qr_code_base64: z.string().nullable(),
      ticket_url: z.string().nullable(),
      expires_at: z.string().nullable(),
    })
    .nullable(),
  livemode: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
