import { asObject, type Sim } from './context.js';
import { mpDate, mpNow } from './dates.js';
import { badRequest, errors } from './errors.js';
import { toMajor, toMinor, validAmount } from './money.js';
import type { Defer } from './notifications.js';
import { DEFAULT_DETAIL, outcomeFor, type Outcome } from './outcomes.js';
import { pixTransactionData } from './pix.js';
import type { Payment, Refund } from './state.js';

/** Payment rules shared by the API routes, Checkout Pro and the controls. */

export interface NewPayment {
  body: Record<string, unknown>;
  collectorId: number;
  currency: string;
  baseUrl: string;
  /** Checkout Pro decides the outcome on its page rather than through a card token. */
  outcome?: Outcome;
  order?: Record<string, unknown>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Validates like MP (first failing field wins), then creates and notifies. */
export function createPayment(sim: Sim, input: NewPayment, defer?: Defer): Payment {
  const { body, currency } = input;
  if (body.transaction_amount === undefined || body.transaction_amount === null) {
    throw badRequest(4002, "transaction_amount attribute can't be null");
  }
  if (typeof body.transaction_amount !== 'number') throw badRequest(4003, 'transaction_amount attribute must be numeric');
  const amount = validAmount(body.transaction_amount, currency);
  const methodId = body.payment_method_id;
  if (typeof methodId !== 'string' || methodId === '') throw badRequest(4001, "payment_method_id attribute can't be null");
  const payer = asObject(body.payer);
  if (typeof payer?.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(payer.email)) {
    throw badRequest(4050, 'payer.email must be a valid email');
  }
  const notificationUrl = validNotificationUrl(body.notification_url);
  if (body.metadata !== undefined && !asObject(body.metadata)) throw badRequest('invalid_metadata', 'metadata must be a JSON object'); // code unverified
  const externalReference = typeof body.external_reference === 'string' ? body.external_reference : null;
  const isPix = methodId === 'pix';
  const now = new Date();

  let outcome: Outcome;
  let card: Record<string, unknown> = {};
  let installments = 1;
  let expiration: string | null = null;
  if (isPix) {
    outcome = input.outcome ?? { status: 'pending', status_detail: 'pending_waiting_transfer' };
    expiration = pixExpiration(body.date_of_expiration, now);
  } else {
    if (body.installments !== undefined || !input.outcome) {
      if (body.installments === undefined || body.installments === null) throw badRequest(4004, "installments attribute can't be null");
      if (!Number.isInteger(body.installments) || (body.installments as number) < 1) {
        throw badRequest(4005, 'installments attribute must be numeric');
      }
      installments = body.installments as number;
    }
    if (input.outcome) {
      outcome = input.outcome;
    } else {
      if (typeof body.token !== 'string' || body.token === '') throw errors.invalidCardToken();
      const token = sim.state.tokens.get(body.token);
      if (!token || token.used) throw errors.cardTokenNotFound(); // single-use: re-tokenize (§8)
      token.used = true;
      outcome = outcomeFor(token.cardholderName, { binaryMode: body.binary_mode === true, capture: body.capture !== false });
      card = {
        id: null,
        first_six_digits: token.firstSixDigits,
        last_four_digits: token.lastFourDigits,
        expiration_month: token.expirationMonth,
        expiration_year: token.expirationYear,
        date_created: token.dateCreated,
        date_last_updated: token.dateCreated,
        cardholder: { name: token.cardholderName, identification: token.identification },
      };
    }
  }

  const id = sim.state.nextPaymentId++;
  const created = mpDate(now);
  const payment: Payment = {
    id,
    collector_id: input.collectorId,
    date_created: created,
    date_approved: outcome.status === 'approved' ? created : null,
    date_last_updated: created,
    date_of_expiration: expiration,
    money_release_date: null,
    operation_type: 'regular_payment',
    issuer_id: typeof body.issuer_id === 'string' || typeof body.issuer_id === 'number' ? String(body.issuer_id) : null,
    payment_method_id: methodId,
    payment_type_id: isPix ? 'bank_transfer' : methodId.startsWith('deb') ? 'debit_card' : 'credit_card',
    status: outcome.status,
    status_detail: outcome.status_detail,
    currency_id: currency,
    description: typeof body.description === 'string' ? body.description : null,
    live_mode: false,
    captured: outcome.status !== 'authorized',
    binary_mode: body.binary_mode === true,
    installments,
    payer: { type: 'guest', id: null, identification: { type: null, number: null }, ...payer },
    metadata: asObject(body.metadata) ?? {},
    external_reference: externalReference,
    statement_descriptor: typeof body.statement_descriptor === 'string' ? body.statement_descriptor : null,
    transaction_amount: amount,
    transaction_amount_refunded: 0,
    coupon_amount: 0,
    transaction_details: {
      net_received_amount: 0,
      total_paid_amount: amount,
      installment_amount: toMajor(Math.round(toMinor(amount, currency) / installments), currency),
      overpaid_amount: 0,
      external_resource_url: null,
      financial_institution: null,
      payment_method_reference_id: null,
    },
    fee_details: [],
    card,
    point_of_interaction: isPix
      ? { type: 'OPENPLATFORM', transaction_data: pixTransactionData(id, amount, input.baseUrl) }
      : { type: 'UNSPECIFIED' },
    order: input.order ?? {},
    notification_url: notificationUrl,
    refunds: [],
  };
  sim.state.payments.set(id, payment);
  sim.notifier.notify(payment, 'payment.created', defer);
  return payment;
}

/** Any status change goes through here so dates and notifications never drift apart. */
export function setStatus(sim: Sim, payment: Payment, status: string, detail?: string, defer?: Defer): void {
  const now = mpNow();
  payment.status = status;
  payment.status_detail = detail ?? DEFAULT_DETAIL[status] ?? status;
  payment.date_last_updated = now;
  if (status === 'approved') {
    payment.date_approved ??= now;
    payment.captured = true;
  }
  sim.notifier.notify(payment, 'payment.updated', defer);
}

/** `PUT /v1/payments/:id`: cancel (pending/in_process/authorized) or capture (authorized). */
export function updatePayment(sim: Sim, payment: Payment, body: Record<string, unknown>, defer?: Defer): void {
  if (body.status === 'cancelled') {
    if (!['pending', 'in_process', 'authorized'].includes(payment.status)) throw errors.invalidState();
    setStatus(sim, payment, 'cancelled', 'by_collector', defer);
    return;
  }
  if (body.capture === true) {
    if (payment.status !== 'authorized') throw errors.invalidState();
    if (body.transaction_amount !== undefined) {
      const amount = validAmount(body.transaction_amount, payment.currency_id);
      // A capture may be for less than the hold, never more.
      if (toMinor(amount, payment.currency_id) > toMinor(payment.transaction_amount, payment.currency_id)) throw errors.invalidAmount();
      payment.transaction_amount = amount;
      payment.transaction_details.total_paid_amount = amount;
    }
    setStatus(sim, payment, 'approved', 'accredited', defer);
    return;
  }
  throw badRequest('invalid_update', 'Only {"status":"cancelled"} or {"capture":true} are supported by the simulator');
}

/** `POST /v1/payments/:id/refunds`: `{}` refunds what is left, `{amount}` part of it. */
export function refundPayment(sim: Sim, payment: Payment, body: Record<string, unknown>, defer?: Defer): Refund {
  if (payment.status !== 'approved') throw errors.invalidState(); // cancel, don't refund, anything else (§4)
  const currency = payment.currency_id;
  const remaining = toMinor(payment.transaction_amount, currency) - toMinor(payment.transaction_amount_refunded, currency);
  let minor = remaining;
  if (body.amount !== undefined && body.amount !== null) {
    minor = toMinor(validAmount(body.amount, currency), currency);
  }
  if (minor <= 0 || minor > remaining) {
    // MP's exact code for "more than is left" is unverified.
    throw badRequest('invalid_refund_amount', 'The amount to refund is greater than the amount available to refund');
  }
  const refund: Refund = {
    id: sim.state.nextRefundId++,
    payment_id: payment.id,
    amount: toMajor(minor, currency),
    metadata: asObject(body.metadata) ?? {},
    source: { id: String(payment.collector_id), name: 'Sandbox seller', type: 'collector' },
    date_created: mpNow(),
    unique_sequence_number: null,
    refund_mode: 'standard',
    adjustment_amount: 0,
    status: 'approved',
    reason: null,
    labels: [],
  };
  payment.refunds.push(refund);
  payment.transaction_amount_refunded = toMajor(toMinor(payment.transaction_amount_refunded, currency) + minor, currency);
  if (minor === remaining) setStatus(sim, payment, 'refunded', 'refunded', defer);
  else setStatus(sim, payment, 'approved', 'partially_refunded', defer);
  return refund;
}

function validNotificationUrl(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  // Real MP refuses http/localhost (4020); the simulator must accept them to reach a local server.
  const invalid = () => badRequest(4020, 'notificaction_url attribute must be url valid'); // sic, MP's spelling
  if (typeof value !== 'string' || value.length > 500) throw invalid();
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid();
  } catch {
    throw invalid();
  }
  return value;
}

function pixExpiration(value: unknown, now: Date): string {
  if (value === undefined || value === null) return mpDate(new Date(now.getTime() + DAY_MS));
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  // MP accepts 30 minutes to 30 days ahead (§2); the error code it uses is unverified.
  if (Number.isNaN(parsed) || parsed < now.getTime() + 29 * 60_000 || parsed > now.getTime() + 30 * DAY_MS + 60_000) {
    throw badRequest('invalid_date_of_expiration', 'date_of_expiration must be between 30 minutes and 30 days from now');
  }
  return value as string;
}
