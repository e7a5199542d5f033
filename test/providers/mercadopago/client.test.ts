import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import Koa from 'koa';
import mount from 'koa-mount';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreatePaymentInput } from '../../../src/modules/payments/payment-provider.js';
import { createMercadoPagoProvider } from '../../../src/providers/mercadopago/mercadopago-provider.js';
import {
  createMercadoPagoSimulator,
  startMercadoPagoSimulator,
  type MercadoPagoSimulator,
} from '../../../src/simulators/mercadopago/index.js';
import { rejection } from './rejection.js';

let sim: { url: string; close(): Promise<void>; simulator: MercadoPagoSimulator };
let seq = 0;

beforeAll(async () => {
  sim = await startMercadoPagoSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.simulator.controls.reset());

const controls = () => sim.simulator.controls;

function card(simulator: MercadoPagoSimulator = sim.simulator): CreatePaymentInput {
  const ref = `pay_c${++seq}`;
  return {
    idempotencyKey: `${ref}:1`,
    externalReference: ref,
    orderId: `ord_${seq}`,
    amount: 4990,
    currency: 'BRL',
    method: 'card',
    token: simulator.controls.createCardToken('APRO').id,
    paymentMethodId: 'master',
    payer: { email: 'ana@example.com' },
  };
}

async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Mercado Pago adapter: base URL redirect', () => {
  it('follows a base URL with a path prefix (the sandbox mounted in the server)', async () => {
    const mounted = createMercadoPagoSimulator();
    const outer = new Koa();
    outer.use(mount('/sandbox/mercadopago', mounted.app));
    const server = createServer(outer.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/mercadopago/`;
    mounted.state.config.baseUrl = base.replace(/\/$/, '');
    try {
      const provider = createMercadoPagoProvider({ accessToken: 'TEST-mounted', baseUrl: base });
      const payment = await provider.createPayment(card(mounted));
      expect(payment.status).toBe('approved');
      expect(mounted.controls.payments()).toHaveLength(1);
      expect(controls().payments()).toHaveLength(0);
    } finally {
      mounted.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('stores with different base URLs run concurrently without seeing each other, and the SDK global is untouched', async () => {
    const other = await startMercadoPagoSimulator();
    try {
      const a = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url });
      const b = createMercadoPagoProvider({ accessToken: 'TEST-b', baseUrl: other.url });
      const inputs = Array.from({ length: 5 }, () => [card(), card(other.simulator)] as const);
      await Promise.all(inputs.flatMap(([forA, forB]) => [a.createPayment(forA), b.createPayment(forB)]));
      expect(controls().payments()).toHaveLength(5);
      expect(other.simulator.controls.payments()).toHaveLength(5);
      const require = createRequire(import.meta.url);
      const { AppConfig } = require('mercadopago/dist/utils/config') as { AppConfig: { BASE_URL: string } };
      expect(AppConfig.BASE_URL).toBe('https://api.mercadopago.com');
    } finally {
      await other.close();
    }
  });
});

describe('Mercado Pago adapter: settings', () => {
  it('a bad base URL or retry setting fails when the provider is built', () => {
    expect(() => createMercadoPagoProvider({ accessToken: 't', baseUrl: 'not a url' })).toThrow(/not a URL/);
    expect(() => createMercadoPagoProvider({ accessToken: 't', baseUrl: 'ftp://x' })).toThrow(/http/);
    expect(() => createMercadoPagoProvider({ accessToken: 't', retries: -1 })).toThrow(/retries/);
    expect(() => createMercadoPagoProvider({ accessToken: 't' })).not.toThrow(); // MP's own URL: no redirect
  });
});

describe('Mercado Pago adapter: errors, retries, timeouts', () => {
  it('MP 4xx → provider_error carrying MP cause code, not retried', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, retryDelayMs: 10 });
    const input = card();
    await provider.createPayment(input);
    // Card tokens are single-use: a new attempt (new key) with the same token is MP's 2006.
    const error = await rejection(provider.createPayment({ ...input, idempotencyKey: 'second-attempt' }));
    expect(error).toMatchObject({
      status: 502,
      type: 'provider_error',
      code: 'mp_2006',
      providerHttpStatus: 400,
      retryable: false,
      outcomeUnknown: false,
    });
    expect(error.message).toContain('Card Token not found');
  });

  it('500 then success: retried once with the same idempotency key, one payment', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, retryDelayMs: 10 });
    controls().injectFailure({ method: 'POST', path: '/v1/payments', mode: '500', count: 1 });
    const input = card();
    const payment = await provider.createPayment(input);
    expect(payment.status).toBe('approved');
    expect(controls().payments()).toHaveLength(1);
    // The key MP saw was ours: repeating it replays that payment.
    expect((await provider.createPayment(input)).providerPaymentId).toBe(payment.providerPaymentId);
  });

  it('500s beyond the retry budget → provider_error mp_http_500, retryable', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, retries: 2, retryDelayMs: 10 });
    controls().injectFailure({ method: 'GET', path: '/v1/payments', mode: '500', count: 3 });
    const error = await rejection(provider.searchByExternalReference('pay_x'));
    expect(error).toMatchObject({ status: 502, code: 'mp_http_500', providerHttpStatus: 500, retryable: true });
    expect(await provider.searchByExternalReference('pay_x')).toEqual([]); // the 3 failures were used up: 1 + 2 retries
  });

  it('retries: 0 means one attempt', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, retries: 0 });
    controls().injectFailure({ method: 'GET', path: '/v1/payments', mode: '500', count: 1 });
    await rejection(provider.searchByExternalReference('pay_x'));
    expect(await provider.searchByExternalReference('pay_x')).toEqual([]);
  });

  it('429 with a short Retry-After is waited out and retried', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, retryDelayMs: 200 });
    controls().injectFailure({ path: '/v1/payments', mode: '429', retryAfterSeconds: 1, count: 1 });
    const started = Date.now();
    expect(await provider.searchByExternalReference('pay_x')).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('429 with a Retry-After longer than our budget is handed back to the caller', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, retryDelayMs: 10 });
    controls().injectFailure({ path: '/v1/payments', mode: '429', retryAfterSeconds: 30, count: 1 });
    const started = Date.now();
    const error = await rejection(provider.searchByExternalReference('pay_x'));
    expect(error).toMatchObject({ status: 502, code: 'mp_http_429', providerHttpStatus: 429, retryable: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a connection cut is retried with the same key', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, timeoutMs: 2000, retryDelayMs: 10 });
    controls().injectFailure({ method: 'POST', path: '/v1/payments', mode: 'hang', hangMs: 50, afterHang: 'abort', count: 1 });
    const payment = await provider.createPayment(card());
    expect(payment.status).toBe('approved');
    expect(controls().payments()).toHaveLength(1);
  });

  it('a hang longer than the timeout → 504 provider_timeout, not retried; the same key then finds the payment', async () => {
    const provider = createMercadoPagoProvider({ accessToken: 'TEST-a', baseUrl: sim.url, timeoutMs: 150, retryDelayMs: 10 });
    controls().injectFailure({ method: 'POST', path: '/v1/payments', mode: 'hang', hangMs: 400, afterHang: 'process', count: 1 });
    const input = card();
    const started = Date.now();
    const error = await rejection(provider.createPayment(input));
    expect(error).toMatchObject({
      status: 504,
      type: 'provider_error',
      code: 'provider_timeout',
      providerHttpStatus: null,
      retryable: true,
      outcomeUnknown: true,
    });
    expect(Date.now() - started).toBeLessThan(400); // one attempt, no retry
    // MP went on and created it; the caller's retry with the same key gets it, uncharged twice.
    await until(() => controls().payments().length === 1);
    const recovered = await provider.createPayment(input);
    expect(recovered.providerPaymentId).toBe(String(controls().payments()[0]?.id));
    expect(controls().payments()).toHaveLength(1);
  });
});
