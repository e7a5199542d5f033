import type { Currency } from '../../shared/currency.js';
import { AppError } from '../../shared/errors.js';

/**
 * What the payments module needs from a payment provider, in our vocabulary only. Adapters
 * (src/providers/*) translate to and from the provider's API; nothing outside them knows its
 * words. Amounts are integer minor units of `currency` everywhere (API.md §2).
 */

export type PaymentStatus =
  | 'pending'
  | 'in_process'
  | 'authorized'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'refunded'
  | 'partially_refunded'
  | 'in_mediation'
  | 'charged_back';

export type PaymentMethod = 'card' | 'pix' | 'ticket' | 'other';

export interface PixInstructions {
  /** "Copia e cola" payload. */
  qrCode: string | null;
  qrCodeBase64: string | null;
  ticketUrl: string | null;
  /** ISO 8601 UTC. */
  expiresAt: string | null;
}

export interface ProviderPayment {
  providerPaymentId: string;
  status: PaymentStatus;
  /** The provider's own status and detail, unmapped, for support and buyer-facing messages. */
  providerStatus: string;
  providerStatusDetail: string | null;
  amount: number;
  amountRefunded: number;
  currency: Currency;
  /** Our payment id as we sent it; null for payments we did not create (rare). */
  externalReference: string | null;
  method: PaymentMethod;
  installments: number | null;
  pix: PixInstructions | null;
  liveMode: boolean;
  approvedAt: Date | null;
  updatedAt: Date | null;
}

export type ProviderRefundStatus = 'succeeded' | 'pending' | 'failed';

export interface ProviderRefund {
  providerRefundId: string;
  amount: number;
  status: ProviderRefundStatus;
}

export interface ProviderCheckout {
  providerPreferenceId: string;
  /** Where to send the buyer. */
  url: string;
  /** ISO 8601 UTC. */
  expiresAt: string | null;
}

export interface CreatePaymentInput {
  /**
   * One key per attempt, persisted before the call: repeating the call with it (after a
   * timeout, a crash, a job retry) returns the first attempt's payment instead of charging
   * again. A new attempt (a new card token) needs a new key.
   */
  idempotencyKey: string;
  /** Our payment id; lets a payment be found again when the create's answer was lost. */
  externalReference: string;
  orderId: string;
  amount: number;
  currency: Currency;
  method: 'card' | 'pix';
  /** Card: the single-use token from the browser, the card brand id, installments, issuer. */
  token?: string;
  paymentMethodId?: string;
  installments?: number;
  issuerId?: string;
  payer: { email: string; identification?: { type: string; number: string } };
  notificationUrl?: string;
  description?: string;
  pixExpiresAt?: Date;
}

export interface CheckoutItem {
  id: string;
  title: string;
  quantity: number;
  unitAmount: number;
}

export interface CreateCheckoutInput {
  externalReference: string;
  items: CheckoutItem[];
  currency: Currency;
  payer?: { email?: string; name?: string };
  backUrls?: { success?: string; failure?: string; pending?: string };
  notificationUrl?: string;
  expiresAt?: Date;
}

export interface RefundInput {
  providerPaymentId: string;
  /** null refunds what is left. */
  amount: number | null;
  currency: Currency;
  /** Our refund id: a repeated call with it returns the first refund. */
  idempotencyKey: string;
}

/**
 * Every method throws `PaymentProviderError` (an AppError: 502 `provider_error`, or 504 with
 * code `provider_timeout`) when the provider fails, and AppError 400 for input the provider
 * cannot take (e.g. cents in a currency it only takes whole units of).
 */
export interface PaymentProvider {
  createCheckout(input: CreateCheckoutInput): Promise<ProviderCheckout>;
  createPayment(input: CreatePaymentInput): Promise<ProviderPayment>;
  getPayment(providerPaymentId: string): Promise<ProviderPayment>;
  /** Newest first. */
  searchByExternalReference(externalReference: string): Promise<ProviderPayment[]>;
  refund(input: RefundInput): Promise<ProviderRefund>;
  /** Only pending / in_process / authorized payments; cancelling a cancelled one returns it. */
  cancel(providerPaymentId: string): Promise<ProviderPayment>;
}

export interface PaymentProviderErrorDetails {
  /** The provider's HTTP status, null when no answer came (timeout, connection failure). */
  providerHttpStatus: number | null;
  /** Worth retrying later with the same idempotency key (5xx, 429, timeouts, network). */
  retryable: boolean;
  /**
   * The call may have taken effect without us seeing the answer (timeout, connection cut):
   * retry with the same key or search by external reference before assuming nothing happened.
   */
  outcomeUnknown: boolean;
  cause?: unknown;
}

/** A provider failure, rendered by the HTTP layer like any AppError (API.md §2: 502 / 504). */
export class PaymentProviderError extends AppError {
  readonly providerHttpStatus: number | null;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(status: 502 | 504, code: string, message: string, details: PaymentProviderErrorDetails) {
    super(status, 'provider_error', code, message, { cause: details.cause });
    this.name = 'PaymentProviderError';
    this.providerHttpStatus = details.providerHttpStatus;
    this.retryable = details.retryable;
    this.outcomeUnknown = details.outcomeUnknown;
  }
}
