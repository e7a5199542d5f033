import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { startMercadoPagoSimulator } from '../../../src/simulators/mercadopago/index.js';

const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

export interface CallOptions {
  body?: unknown;
  /** X-Idempotency-Key; `true` = a fresh one. */
  key?: string | true;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** The simulator on a random loopback port, closed after the test. */
export async function startSim() {
  const started = await startMercadoPagoSimulator(0);
  closers.push(started.close);
  const call = async <T = any>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? 'TEST-simulator-token' : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.key) headers['x-idempotency-key'] = options.key === true ? randomUUID() : options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(started.url + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, body: type.includes('json') && text ? JSON.parse(text) : text };
  };
  const control = async <T = any>(method: string, path: string, body?: unknown) =>
    call<T>(method, `/__control${path}`, { body, token: null });
  const cardToken = async (name: string): Promise<string> => (await control('POST', '/card_tokens', { cardholder_name: name })).body.id;
  const pay = async (fields: Record<string, unknown> = {}, options: CallOptions = {}) =>
    call('POST', '/v1/payments', { key: true, ...options, body: { ...cardPayment(await cardToken('APRO')), ...fields } });
  return { ...started, call, control, cardToken, pay };
}

export function cardPayment(token: string, amount = 150.5): Record<string, unknown> {
  return {
    transaction_amount: amount,
    token,
    payment_method_id: 'visa',
    issuer_id: '310',
    installments: 1,
    payer: { email: 'buyer@example.com', identification: { type: 'CPF', number: '12345678909' } },
    external_reference: `pay_${randomUUID().slice(0, 8)}`,
    metadata: { order_id: 'ord_1' },
  };
}

export interface Hook {
  /** Path and query as received, e.g. `/hooks?data.id=1&type=payment`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A storefront-side receiver on loopback: records every notification, answers 200 unless told. */
export async function startHookReceiver() {
  const received: Hook[] = [];
  let behaviour: (hook: Hook, response: ServerResponse) => void = (_hook, response) => response.writeHead(200).end();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const hook = { url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined };
      received.push(hook);
      behaviour(hook, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?source_news=webhooks`,
    received,
    behave(next: typeof behaviour) {
      behaviour = next;
    },
    async waitFor(count: number, timeoutMs = 5000): Promise<Hook[]> {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`receiver got ${received.length} of ${count} notifications`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received.slice(0, count);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
