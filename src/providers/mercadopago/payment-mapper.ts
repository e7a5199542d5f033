import type { PaymentMethod, ProviderPayment } from '../../modules/payments/payment-provider.js';
import { currencyOf, fromMpAmount } from './amounts.js';
import { unexpectedResponse } from './errors.js';
import { mapPaymentStatus } from './status-map.js';

/**
 * The fields we read from MP's payment (reference §2 "Keep"). Our own type rather than the
 * SDK's: get and search answer with different SDK types for the same resource, and the SDK's
 * are loose about what may be null.
 */
export interface MpPayment {
  id?: number | string | null;
  status?: string | null;
  status_detail?: string | null;
  currency_id?: string | null;
  transaction_amount?: number | null;
  transaction_amount_refunded?: number | null;
  external_reference?: string | null;
  payment_type_id?: string | null;
  payment_method_id?: string | null;
  installments?: number | null;
  live_mode?: boolean | null;
  date_approved?: string | null;
  date_last_updated?: string | null;
  date_of_expiration?: string | null;
  point_of_interaction?: { transaction_data?: { qr_code?: unknown; qr_code_base64?: unknown; ticket_url?: unknown } | null } | null;
}

/** MP's payment resource (reference §2 "Keep") → ours. Throws a provider error for what we can't map. */
export function toProviderPayment(payment: MpPayment): ProviderPayment {
  const id = payment.id;
  if (id === undefined || id === null) throw unexpectedResponse('Mercado Pago returned a payment without id');
  const rawStatus = payment.status ?? '';
  const rawDetail = payment.status_detail ?? null;
  const currency = currencyOf(payment.currency_id);
  if (!currency) throw unexpectedResponse(`Mercado Pago payment ${id} is in an unsupported currency: ${String(payment.currency_id)}`);
  let status = mapPaymentStatus(rawStatus, rawDetail);
  if (!status) throw unexpectedResponse(`Mercado Pago payment ${id} has an unknown status: ${rawStatus}/${rawDetail ?? ''}`);

  let amount: number;
  let amountRefunded: number;
  try {
    amount = fromMpAmount(payment.transaction_amount ?? 0, currency);
    amountRefunded = fromMpAmount(payment.transaction_amount_refunded ?? 0, currency);
  } catch (error) {
    throw unexpectedResponse(`Mercado Pago payment ${id} has an amount we cannot represent: ${(error as Error).message}`, error);
  }
  // Some flows leave the detail alone after a partial refund; the refunded amount does not lie.
  if (status === 'approved' && amountRefunded > 0 && amountRefunded < amount) status = 'partially_refunded';

  const method = methodOf(payment.payment_type_id, payment.payment_method_id);
  return {
    providerPaymentId: String(id),
    status,
    providerStatus: rawStatus,
    providerStatusDetail: rawDetail,
    amount,
    amountRefunded,
    currency,
    externalReference: payment.external_reference ? payment.external_reference : null,
    method,
    installments: method === 'card' && typeof payment.installments === 'number' ? payment.installments : null,
    pix: method === 'pix' ? pixOf(payment) : null,
    liveMode: payment.live_mode === true,
    approvedAt: dateOf(payment.date_approved),
    updatedAt: dateOf(payment.date_last_updated),
  };
}

function methodOf(paymentTypeId: string | null | undefined, paymentMethodId: string | null | undefined): PaymentMethod {
  if (paymentMethodId === 'pix') return 'pix';
  switch (paymentTypeId) {
    case 'credit_card':
    case 'debit_card':
    case 'prepaid_card':
      return 'card';
    case 'ticket':
    case 'atm':
      return 'ticket';
    default:
      return 'other';
  }
}

function pixOf(payment: MpPayment): ProviderPayment['pix'] {
  const data = payment.point_of_interaction?.transaction_data;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const expires = dateOf(payment.date_of_expiration);
  return {
    qrCode: text(data?.qr_code),
    qrCodeBase64: text(data?.qr_code_base64),
    ticketUrl: text(data?.ticket_url),
    expiresAt: expires ? expires.toISOString() : null,
  };
}

/** MP dates carry an offset (`…T10:04:58.396-04:00`); ours are instants. */
function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
