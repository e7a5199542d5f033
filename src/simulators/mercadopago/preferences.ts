import { randomUUID } from 'node:crypto';
import { asObject, type Sim } from './context.js';
import { mpNow } from './dates.js';
import { badRequest, errors, MpError } from './errors.js';
import { toMajor, toMinor, validAmount } from './money.js';
import type { Defer } from './notifications.js';
import { outcomeFor, type Outcome } from './outcomes.js';
import { createPayment } from './payments.js';
import { SITE_BY_CURRENCY, type Payment, type Preference } from './state.js';

/**
 * Checkout Pro (reference §5): a preference, then a buyer paying on MP's page. The page is the
 * simulator's own (`init_point`), and paying there creates a payment carrying the preference's
 * external_reference and notification_url. Error codes for preferences are unverified.
 */
export function createPreference(
  sim: Sim,
  body: Record<string, unknown>,
  collectorId: number,
  currency: string,
  baseUrl: string,
): Preference {
  const items = validItems(body.items, currency);
  const backUrls = asObject(body.back_urls) ?? {};
  const url = (key: string) => (typeof backUrls[key] === 'string' ? (backUrls[key] as string) : '');
  const autoReturn = typeof body.auto_return === 'string' ? body.auto_return : '';
  if (autoReturn && !url('success')) throw badRequest('invalid_auto_return', 'auto_return invalid. back_url.success must be defined');
  const externalReference = typeof body.external_reference === 'string' ? body.external_reference : '';
  if (externalReference && !/^[A-Za-z0-9_-]{1,64}$/.test(externalReference)) {
    throw badRequest('invalid_external_reference', 'external_reference must be at most 64 characters of [A-Za-z0-9_-]');
  }
  const notificationUrl = typeof body.notification_url === 'string' && body.notification_url !== '' ? body.notification_url : null;
  if (notificationUrl !== null && (notificationUrl.length > 248 || !URL.canParse(notificationUrl))) {
    throw badRequest(4020, 'notificaction_url attribute must be url valid');
  }
  const id = `${collectorId}-${randomUUID()}`;
  const initPoint = `${baseUrl}/checkout/pay/${id}`;
  const preference: Preference = {
    id,
    collector_id: collectorId,
    client_id: String(collectorId),
    date_created: mpNow(),
    items,
    payer: asObject(body.payer) ?? {},
    back_urls: { success: url('success'), pending: url('pending'), failure: url('failure') },
    auto_return: autoReturn,
    external_reference: externalReference,
    notification_url: notificationUrl,
    metadata: asObject(body.metadata) ?? {},
    binary_mode: body.binary_mode === true,
    expires: body.expires === true,
    expiration_date_from: typeof body.expiration_date_from === 'string' ? body.expiration_date_from : null,
    expiration_date_to: typeof body.expiration_date_to === 'string' ? body.expiration_date_to : null,
    date_of_expiration: typeof body.date_of_expiration === 'string' ? body.date_of_expiration : null,
    payment_methods: asObject(body.payment_methods) ?? {},
    operation_type: 'regular_payment',
    init_point: initPoint,
    sandbox_init_point: initPoint,
    site_id: SITE_BY_CURRENCY[currency] ?? 'MLB',
  };
  sim.state.preferences.set(id, preference);
  return preference;
}

export interface BuyerChoice {
  /** A test cardholder name (APRO, OTHE, …) deciding the outcome like a card token would. */
  cardholderName?: string;
  /** Or the resulting status directly: approved, pending, in_process, rejected. */
  status?: string;
  paymentMethodId?: string;
  email?: string;
}

const STATUS_OUTCOMES: Readonly<Record<string, Outcome>> = {
  approved: { status: 'approved', status_detail: 'accredited' },
  pending: { status: 'pending', status_detail: 'pending_waiting_payment' },
  in_process: { status: 'in_process', status_detail: 'pending_contingency' },
  rejected: { status: 'rejected', status_detail: 'cc_rejected_other_reason' },
};

/** A buyer paying a preference on the Checkout Pro page. */
export function payPreference(sim: Sim, preference: Preference, choice: BuyerChoice, baseUrl: string, defer?: Defer): Payment {
  if (preference.expires && preference.expiration_date_to && Date.parse(preference.expiration_date_to) < Date.now()) {
    throw badRequest('preference_expired', 'The preference has expired');
  }
  const methodId = choice.paymentMethodId || 'visa';
  let outcome: Outcome;
  if (choice.status) {
    const chosen = STATUS_OUTCOMES[choice.status];
    if (!chosen) throw badRequest('invalid_status', `status must be one of ${Object.keys(STATUS_OUTCOMES).join(', ')}`);
    outcome = methodId === 'pix' && chosen.status === 'pending' ? { status: 'pending', status_detail: 'pending_waiting_transfer' } : chosen;
  } else if (methodId === 'pix') {
    outcome = { status: 'pending', status_detail: 'pending_waiting_transfer' };
  } else {
    outcome = outcomeFor(choice.cardholderName ?? 'APRO', { binaryMode: preference.binary_mode, capture: true });
  }
  const currency = String(preference.items[0]?.currency_id);
  const totalMinor = preference.items.reduce(
    (sum, item) => sum + toMinor(item.unit_price as number, currency) * (item.quantity as number),
    0,
  );
  const payerEmail =
    choice.email ?? (typeof preference.payer.email === 'string' ? preference.payer.email : 'test_user_sandbox@testuser.com');
  return createPayment(
    sim,
    {
      body: {
        transaction_amount: toMajor(totalMinor, currency),
        payment_method_id: methodId,
        payer: { email: payerEmail },
        external_reference: preference.external_reference || null,
        notification_url: preference.notification_url,
        metadata: preference.metadata,
        binary_mode: preference.binary_mode,
        description: typeof preference.items[0]?.title === 'string' ? preference.items[0].title : null,
      },
      collectorId: preference.collector_id,
      currency,
      baseUrl,
      outcome,
    },
    defer,
  );
}

export function findPreference(sim: Sim, id: string): Preference {
  const preference = sim.state.preferences.get(id);
  if (!preference) throw errors.notFound('Preference');
  return preference;
}

/** Where Checkout Pro sends the buyer back, with the (forgeable, display-only) query MP adds. */
export function backUrl(preference: Preference, payment: Payment): string | null {
  const target =
    payment.status === 'approved'
      ? preference.back_urls.success
      : payment.status === 'rejected'
        ? preference.back_urls.failure
        : preference.back_urls.pending;
  if (!target || !URL.canParse(target)) return null;
  const url = new URL(target);
  const params: Record<string, string> = {
    collection_id: String(payment.id),
    collection_status: payment.status,
    payment_id: String(payment.id),
    status: payment.status,
    external_reference: payment.external_reference ?? 'null',
    payment_type: payment.payment_type_id,
    merchant_order_id: 'null',
    preference_id: preference.id,
    site_id: preference.site_id,
    processing_mode: 'aggregator',
    merchant_account_id: 'null',
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

function validItems(value: unknown, siteCurrency: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest('invalid_items', 'items needed');
  return value.map((raw, index) => {
    const item = asObject(raw);
    const fail = (what: string): MpError => badRequest('invalid_items', `items[${index}].${what}`);
    if (!item) throw fail('must be an object');
    if (typeof item.title !== 'string' || item.title === '') throw fail('title is required');
    if (!Number.isInteger(item.quantity) || (item.quantity as number) < 1) throw fail('quantity must be a positive integer');
    const currency = typeof item.currency_id === 'string' ? item.currency_id : siteCurrency;
    if (currency !== siteCurrency) throw fail(`currency_id must be the site's currency (${siteCurrency})`);
    try {
      validAmount(item.unit_price, currency);
    } catch {
      throw fail(
        currency === 'CLP' || currency === 'COP' ? `unit_price must be an integer in ${currency}` : 'unit_price must be a positive number',
      );
    }
    return { id: '', description: '', picture_url: null, category_id: '', ...item, currency_id: currency };
  });
}
