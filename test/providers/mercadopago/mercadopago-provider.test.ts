import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreatePaymentInput, PaymentProvider } from '../../../src/modules/payments/payment-provider.js';
import { createMercadoPagoProvider } from '../../../src/providers/mercadopago/mercadopago-provider.js';
import { startMercadoPagoSimulator, type MercadoPagoSimulator } from '../../../src/simulators/mercadopago/index.js';
import { rejection } from './rejection.js';

let sim: { url: string; close(): Promise<void>; simulator: MercadoPagoSimulator };
let provider: PaymentProvider;
let seq = 0;

beforeAll(async () => {
  sim = await startMercadoPagoSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.simulator.controls.reset();
  provider = createMercadoPagoProvider({ accessToken: 'TEST-store-a', baseUrl: sim.url, timeoutMs: 2000, retryDelayMs: 10 });
});

const controls = () => sim.simulator.controls;
const mpPayment = (id: string) =>
  controls()
    .payments()
    .find((p) => String(p.id) === id)!;

function card(holder: string, overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput {
  const ref = `pay_${++seq}`;
  return {
    idempotencyKey: `${ref}:1`,
    externalReference: ref,
    orderId: `ord_${seq}`,
    amount: 4990,
    currency: 'BRL',
    method: 'card',
    token: controls().createCardToken(holder).id,
    paymentMethodId: 'visa',
    installments: 1,
    payer: { email: 'ana@example.com', identification: { type: 'CPF', number: '12345678909' } },
    ...overrides,
  };
}

function pix(overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput {
  const ref = `pay_${++seq}`;
  return {
    idempotencyKey: `${ref}:1`,
    externalReference: ref,
    orderId: `ord_${seq}`,
    amount: 1999,
    currency: 'BRL',
    method: 'pix',
    payer: { email: 'ana@example.com' },
    ...overrides,
  };
}

describe('Mercado Pago adapter: payments', () => {
  it('card APRO → approved, in MP decimals with our reference and order id', async () => {
    const input = card('APRO', { amount: 1999, installments: 3, notificationUrl: 'http://127.0.0.1:1/hooks/mercadopago/sto_1' });
    const payment = await provider.createPayment(input);
    expect(payment).toMatchObject({
      status: 'approved',
      providerStatus: 'approved',
      providerStatusDetail: 'accredited',
      amount: 1999,
      amountRefunded: 0,
      currency: 'BRL',
      externalReference: input.externalReference,
      method: 'card',
      installments: 3,
      pix: null,
      liveMode: false,
    });
    expect(payment.providerPaymentId).toMatch(/^\d+$/);
    expect(payment.approvedAt).toBeInstanceOf(Date);
    expect(payment.updatedAt).toBeInstanceOf(Date);
    const stored = mpPayment(payment.providerPaymentId);
    expect(stored.transaction_amount).toBe(19.99);
    expect(stored.external_reference).toBe(input.externalReference);
    expect(stored.metadata).toEqual({ order_id: input.orderId });
    expect(stored.payer).toMatchObject({ email: 'ana@example.com', identification: { type: 'CPF', number: '12345678909' } });
  });

  it('card OTHE → rejected, keeping MP status and detail', async () => {
    const payment = await provider.createPayment(card('OTHE'));
    expect(payment).toMatchObject({ status: 'rejected', providerStatus: 'rejected', providerStatusDetail: 'cc_rejected_other_reason' });
    expect(payment.approvedAt).toBeNull();
  });

  it('card CONT → in_process', async () => {
    const payment = await provider.createPayment(card('CONT'));
    expect(payment).toMatchObject({ status: 'in_process', providerStatus: 'in_process', providerStatusDetail: 'pending_contingency' });
  });

  it('Pix → pending with QR code, ticket URL and expiry', async () => {
    const expiresAt = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const payment = await provider.createPayment(pix({ pixExpiresAt: expiresAt }));
    expect(payment).toMatchObject({
      status: 'pending',
      providerStatus: 'pending',
      providerStatusDetail: 'pending_waiting_transfer',
      method: 'pix',
      installments: null,
      amount: 1999,
    });
    expect(payment.pix?.qrCode).toMatch(/^000201/);
    expect(payment.pix?.qrCodeBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(payment.pix?.ticketUrl).toMatch(new RegExp(`^${sim.url}/`));
    expect(payment.pix?.expiresAt).toBe(expiresAt.toISOString());
    expect(mpPayment(payment.providerPaymentId).payment_method_id).toBe('pix');
  });

  it('CLP amounts are whole pesos both ways', async () => {
    controls().configure({ tokenCurrencies: { 'TEST-chile': 'CLP' } });
    const chile = createMercadoPagoProvider({ accessToken: 'TEST-chile', baseUrl: sim.url });
    const payment = await chile.createPayment(card('APRO', { amount: 15000, currency: 'CLP' }));
    expect(payment).toMatchObject({ status: 'approved', amount: 15000, currency: 'CLP' });
    expect(mpPayment(payment.providerPaymentId).transaction_amount).toBe(15000);
  });

  it('get re-reads the payment, with statuses MP moved it to', async () => {
    const created = await provider.createPayment(pix());
    expect(await provider.getPayment(created.providerPaymentId)).toEqual(created);
    controls().forcePaymentStatus(Number(created.providerPaymentId), 'approved');
    expect(await provider.getPayment(created.providerPaymentId)).toMatchObject({ status: 'approved', providerStatusDetail: 'accredited' });
    controls().forcePaymentStatus(Number(created.providerPaymentId), 'charged_back');
    expect(await provider.getPayment(created.providerPaymentId)).toMatchObject({ status: 'charged_back', providerStatus: 'charged_back' });
  });

  it('get of an unknown payment → provider_error with MP code 2000', async () => {
    const error = await rejection(provider.getPayment('999'));
    expect(error).toMatchObject({ status: 502, type: 'provider_error', code: 'mp_2000', providerHttpStatus: 404, retryable: false });
  });

  it('search by external_reference: only that reference, newest first', async () => {
    const first = card('OTHE');
    const rejected = await provider.createPayment(first);
    const approved = await provider.createPayment(card('APRO', { externalReference: first.externalReference, idempotencyKey: 'retry-2' }));
    await provider.createPayment(card('APRO'));
    const found = await provider.searchByExternalReference(first.externalReference);
    expect(found.map((p) => p.providerPaymentId)).toEqual([approved.providerPaymentId, rejected.providerPaymentId]);
    expect(found.map((p) => p.status)).toEqual(['approved', 'rejected']);
    expect(await provider.searchByExternalReference('pay_nobody')).toEqual([]);
  });

  it('the same idempotency key twice → the same payment, charged once', async () => {
    const input = card('APRO');
    const first = await provider.createPayment(input);
    const second = await provider.createPayment(input);
    expect(second.providerPaymentId).toBe(first.providerPaymentId);
    expect(controls().payments()).toHaveLength(1);
  });
});

describe('Mercado Pago adapter: refunds and cancel', () => {
  it('partial then full refund', async () => {
    const payment = await provider.createPayment(card('APRO', { amount: 10000 }));
    const partial = await provider.refund({
      providerPaymentId: payment.providerPaymentId,
      amount: 2550,
      currency: 'BRL',
      idempotencyKey: 're_1',
    });
    expect(partial).toMatchObject({ amount: 2550, status: 'succeeded' });
    expect(partial.providerRefundId).toMatch(/^\d+$/);
    expect(mpPayment(payment.providerPaymentId).refunds[0]?.amount).toBe(25.5);
    expect(await provider.getPayment(payment.providerPaymentId)).toMatchObject({
      status: 'partially_refunded',
      providerStatus: 'approved',
      providerStatusDetail: 'partially_refunded',
      amountRefunded: 2550,
    });

    // Same refund key → the same refund, not a second one (and not the payment's key: sdk-nodejs#481).
    const replay = await provider.refund({
      providerPaymentId: payment.providerPaymentId,
      amount: 2550,
      currency: 'BRL',
      idempotencyKey: 're_1',
    });
    expect(replay.providerRefundId).toBe(partial.providerRefundId);

    const rest = await provider.refund({
      providerPaymentId: payment.providerPaymentId,
      amount: null,
      currency: 'BRL',
      idempotencyKey: 're_2',
    });
    expect(rest).toMatchObject({ amount: 7450, status: 'succeeded' });
    expect(await provider.getPayment(payment.providerPaymentId)).toMatchObject({ status: 'refunded', amountRefunded: 10000 });
  });

  it('refunding a rejected payment → provider_error with MP code', async () => {
    const payment = await provider.createPayment(card('OTHE'));
    const error = await rejection(
      provider.refund({ providerPaymentId: payment.providerPaymentId, amount: null, currency: 'BRL', idempotencyKey: 're_x' }),
    );
    expect(error).toMatchObject({ status: 502, code: 'mp_3005', providerHttpStatus: 400 });
  });

  it('cancel a pending Pix; cancelling again returns the cancelled payment', async () => {
    const payment = await provider.createPayment(pix());
    const cancelled = await provider.cancel(payment.providerPaymentId);
    expect(cancelled).toMatchObject({ status: 'cancelled', providerStatus: 'cancelled', providerStatusDetail: 'by_collector' });
    expect(await provider.cancel(payment.providerPaymentId)).toMatchObject({ status: 'cancelled' });
  });

  it('cancel an approved payment → provider_error mp_3005', async () => {
    const payment = await provider.createPayment(card('APRO'));
    const error = await rejection(provider.cancel(payment.providerPaymentId));
    expect(error).toMatchObject({ status: 502, type: 'provider_error', code: 'mp_3005' });
  });
});

describe('Mercado Pago adapter: checkout', () => {
  it('creates a preference whose url is the checkout page on the configured API', async () => {
    const expiresAt = new Date(Date.now() + 60 * 60 * 1000);
    const checkout = await provider.createCheckout({
      externalReference: 'pay_chk_1',
      currency: 'BRL',
      items: [
        { id: 'TSHIRT-M', title: 'Camiseta', quantity: 2, unitAmount: 4990 },
        { id: 'SHIP', title: 'Frete', quantity: 1, unitAmount: 1500 },
      ],
      payer: { email: 'ana@example.com', name: 'Ana' },
      backUrls: { success: 'https://shop.example/ok', failure: 'https://shop.example/ko' },
      notificationUrl: 'https://baas.example/hooks/mercadopago/sto_1',
      expiresAt,
    });
    expect(checkout.url).toBe(`${sim.url}/checkout/pay/${checkout.providerPreferenceId}`);
    expect(checkout.expiresAt).toBe(expiresAt.toISOString());
    const page = await fetch(checkout.url);
    expect(page.status).toBe(200);
    const preference = sim.simulator.state.preferences.get(checkout.providerPreferenceId)!;
    expect(preference.items.map((i) => [i.unit_price, i.quantity, i.currency_id])).toEqual([
      [49.9, 2, 'BRL'],
      [15, 1, 'BRL'],
    ]);
    expect(preference).toMatchObject({ external_reference: 'pay_chk_1', auto_return: 'approved', expires: true });

    // A buyer paying there produces a payment we find by our reference.
    controls().payPreference(checkout.providerPreferenceId, { cardholderName: 'APRO' });
    const [paid] = await provider.searchByExternalReference('pay_chk_1');
    expect(paid).toMatchObject({ status: 'approved', amount: 11480, externalReference: 'pay_chk_1' });
  });
});

describe('Mercado Pago adapter: input MP cannot take', () => {
  it('refuses before calling MP', async () => {
    await expect(provider.createPayment(card('APRO', { token: undefined }))).rejects.toMatchObject({ status: 400, param: 'token' });
    await expect(provider.createPayment(card('APRO', { amount: 150050, currency: 'COP' }))).rejects.toMatchObject({
      status: 400,
      code: 'invalid_amount',
    });
    expect(controls().payments()).toHaveLength(0);
  });
});
