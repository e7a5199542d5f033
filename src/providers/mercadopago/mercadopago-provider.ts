import { randomUUID } from 'node:crypto';
import type {
  CreateCheckoutInput,
  CreatePaymentInput,
  PaymentProvider,
  ProviderCheckout,
  ProviderPayment,
  ProviderRefund,
  RefundInput,
} from '../../modules/payments/payment-provider.js';
import { PaymentProviderError } from '../../modules/payments/payment-provider.js';
import { invalidRequest } from '../../shared/errors.js';
import { fromMpAmount, toMpAmount } from './amounts.js';
import { callMercadoPago, clientSettings, MP_API_ORIGIN, type ClientSettings } from './client.js';
import { unexpectedResponse } from './errors.js';
import { mercadoPagoSdk } from './sdk.js';
import { toProviderPayment, type MpPayment } from './payment-mapper.js';
import { mapRefundStatus } from './status-map.js';

export interface MercadoPagoProviderOptions {
  /** The store's (mode's) access token. */
  accessToken: string;
  /** `BAAS_MERCADOPAGO_API_URL`. */
  baseUrl?: string;
  /** Per attempt. MP answers in well under a second; 10 s means it is in trouble. */
  timeoutMs?: number;
  /** Extra attempts on 429/5xx/connection errors, with the same idempotency key. */
  retries?: number;
  /** First backoff step (doubles per attempt). */
  retryDelayMs?: number;
}

/** Search pages: MP's default page is 30; a reference rarely has more than a handful of payments. */
const SEARCH_PAGE = 100;
const SEARCH_MAX = 1000;

/**
 * The Mercado Pago adapter: the only code that speaks MP. Stateless apart from its settings,
 * so one per store and mode is cheap; every call builds its own SDK config.
 */
export function createMercadoPagoProvider(options: MercadoPagoProviderOptions): PaymentProvider {
  const settings: ClientSettings = clientSettings({
    accessToken: options.accessToken,
    baseUrl: options.baseUrl ?? MP_API_ORIGIN,
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 250,
  });

  const getPayment = (id: string) =>
    callMercadoPago(settings, async ({ config }) =>
      toProviderPayment((await new (mercadoPagoSdk().Payment)(config).get({ id })) as MpPayment),
    );

  return {
    async createPayment(input: CreatePaymentInput): Promise<ProviderPayment> {
      const body = paymentBody(input);
      const created = await callMercadoPago(
        settings,
        ({ config }) => new (mercadoPagoSdk().Payment)(config).create({ body }),
        input.idempotencyKey,
      );
      return toProviderPayment(created as MpPayment);
    },

    getPayment,

    async searchByExternalReference(externalReference: string): Promise<ProviderPayment[]> {
      const found: MpPayment[] = [];
      for (let offset = 0; offset < SEARCH_MAX; offset += SEARCH_PAGE) {
        const page = await callMercadoPago(settings, ({ config }) =>
          new (mercadoPagoSdk().Payment)(config).search({
            options: { external_reference: externalReference, sort: 'date_created', criteria: 'desc', limit: SEARCH_PAGE, offset },
          }),
        );
        const results = (page.results ?? []) as MpPayment[];
        found.push(...results);
        if (results.length < SEARCH_PAGE || offset + results.length >= (page.paging?.total ?? 0)) break;
      }
      // MP matches exactly today; the filter guards against a looser search ever returning strangers.
      return found.filter((payment) => payment.external_reference === externalReference).map(toProviderPayment);
    },

    async refund(input: RefundInput): Promise<ProviderRefund> {
      const body = input.amount === null ? {} : { amount: toMpAmount(input.amount, input.currency) };
      const refund = await callMercadoPago(
        settings,
        ({ config }) => new (mercadoPagoSdk().PaymentRefund)(config).create({ payment_id: input.providerPaymentId, body }),
        input.idempotencyKey,
      );
      if (refund.id === undefined || refund.id === null) throw unexpectedResponse('Mercado Pago returned a refund without id');
      let amount: number;
      try {
        amount = fromMpAmount(refund.amount ?? 0, input.currency);
      } catch (error) {
        throw unexpectedResponse(`Mercado Pago refund ${refund.id} has an amount we cannot represent`, error);
      }
      return { providerRefundId: String(refund.id), amount, status: mapRefundStatus(refund.status) };
    },

    async cancel(providerPaymentId: string): Promise<ProviderPayment> {
      try {
        const cancelled = await callMercadoPago(settings, ({ config }) =>
          new (mercadoPagoSdk().Payment)(config).cancel({ id: providerPaymentId }),
        );
        return toProviderPayment(cancelled as MpPayment);
      } catch (error) {
        // A repeated cancel (a job retry after a lost answer) finds the payment already
        // cancelled and MP refuses the transition: that is success, not an error.
        if (error instanceof PaymentProviderError && error.providerHttpStatus === 400) {
          const current = await getPayment(providerPaymentId);
          if (current.status === 'cancelled') return current;
        }
        throw error;
      }
    },

    async createCheckout(input: CreateCheckoutInput): Promise<ProviderCheckout> {
      const body = preferenceBody(input);
      // Preferences take no idempotency key in MP's docs; a duplicate preference is harmless (it is only a link).
      const preference = await callMercadoPago(
        settings,
        ({ config }) => new (mercadoPagoSdk().Preference)(config).create({ body }),
        randomUUID(),
      );
      if (!preference.id || !preference.init_point) throw unexpectedResponse('Mercado Pago returned a preference without id or init_point');
      // init_point even for test credentials: MP says to test with test users, not sandbox_init_point (§5).
      return { providerPreferenceId: preference.id, url: preference.init_point, expiresAt: input.expiresAt?.toISOString() ?? null };
    },
  };
}

/** Our create input → MP's `POST /v1/payments` body (reference §2). */
function paymentBody(input: CreatePaymentInput) {
  const common = {
    transaction_amount: toMpAmount(input.amount, input.currency),
    description: input.description,
    payer: {
      email: input.payer.email,
      ...(input.payer.identification ? { identification: input.payer.identification } : {}),
    },
    external_reference: input.externalReference,
    // Lets someone reading MP's panel find the order; we never trust it back (we key on external_reference).
    metadata: { order_id: input.orderId },
    notification_url: input.notificationUrl,
  };
  if (input.method === 'pix') {
    return {
      ...common,
      payment_method_id: 'pix',
      ...(input.pixExpiresAt ? { date_of_expiration: mpDate(input.pixExpiresAt) } : {}),
    };
  }
  if (!input.token) throw invalidRequest('parameter_missing', 'A card payment needs the card token from the browser', 'token');
  if (!input.paymentMethodId) throw invalidRequest('parameter_missing', 'A card payment needs payment_method_id', 'payment_method_id');
  const installments = input.installments ?? 1;
  if (!Number.isInteger(installments) || installments < 1) {
    throw invalidRequest('invalid_installments', 'installments must be a positive integer', 'installments');
  }
  return {
    ...common,
    token: input.token,
    payment_method_id: input.paymentMethodId,
    installments,
    // MP documents a numeric issuer id; Bricks hands it over as a string.
    ...(input.issuerId ? { issuer_id: /^\d+$/.test(input.issuerId) ? Number(input.issuerId) : (input.issuerId as unknown as number) } : {}),
  };
}

/** Our checkout input → MP's `POST /checkout/preferences` body (reference §5). */
function preferenceBody(input: CreateCheckoutInput) {
  if (input.items.length === 0) throw invalidRequest('parameter_missing', 'A checkout needs at least one item', 'items');
  const backUrls = input.backUrls ?? {};
  return {
    items: input.items.map((item, index) => ({
      id: item.id,
      title: item.title,
      quantity: item.quantity,
      unit_price: toMpAmount(item.unitAmount, input.currency, `items[${index}].unit_amount`),
      currency_id: input.currency,
    })),
    ...(input.payer ? { payer: { email: input.payer.email, name: input.payer.name } } : {}),
    back_urls: { success: backUrls.success, failure: backUrls.failure, pending: backUrls.pending },
    // MP refuses auto_return without a success URL.
    ...(backUrls.success ? { auto_return: 'approved' } : {}),
    external_reference: input.externalReference,
    notification_url: input.notificationUrl,
    ...(input.expiresAt ? { expires: true, expiration_date_to: mpDate(input.expiresAt) } : {}),
  };
}

/** MP's date format is ISO 8601 with an explicit offset (`2026-05-30T23:59:59.000-03:00`), not `Z`. */
function mpDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}
