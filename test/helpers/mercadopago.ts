import { createHmac, randomUUID } from 'node:crypto';
import { dbDate } from '../../src/db/orm.js';
import { PROCESS_NOTIFICATION, STORM_PACE_MS } from '../../src/modules/notifications/mercadopago-inbox.js';
import { call } from './api.js';
import { json, type TestServer } from './server.js';

/** POSTs to the built-in simulator's control API (`/sandbox/mercadopago/__control/…`). */
export async function simControl(server: TestServer, path: string, body: unknown = {}) {
  const response = await server.request(`/sandbox/mercadopago/__control${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator control ${path} answered ${response.status}: ${await response.text()}`);
  return response.status === 204 ? null : json(response);
}

/** What Bricks does in the browser: a single-use card token, here from the built-in simulator. */
export async function cardToken(server: TestServer, cardholder: string): Promise<string> {
  return (await simControl(server, '/card_tokens', { cardholder_name: cardholder })).id;
}

/** POST /v1/payments by card with a simulator token for a test cardholder (APRO, OTHE, CONT…). */
export async function payByCard(server: TestServer, key: string, orderId: string, cardholder: string): Promise<Response> {
  return call(server, key, '/v1/payments', {
    body: {
      order_id: orderId,
      method: 'card',
      token: await cardToken(server, cardholder),
      payment_method_id: 'master',
      installments: 1,
      payer: { email: 'ana@example.com' },
    },
  });
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface NotificationOptions {
  /** Signs with this secret (x-signature, x-request-id); unsigned without. */
  secret?: string;
  action?: string;
  /** MP's notification id (the body's `id`): redeliveries of one notification share it. */
  notificationId?: number;
  dateCreated?: string;
  ts?: string;
  requestId?: string;
}

/** Posts a Mercado Pago Webhooks-format payment notification to our /hooks route, as MP does. */
export function postPaymentNotification(server: TestServer, storeId: string, paymentId: string, options: NotificationOptions = {}) {
  const requestId = options.requestId ?? randomUUID();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId };
  if (options.secret) {
    const ts = options.ts ?? String(Date.now());
    const v1 = createHmac('sha256', options.secret).update(`id:${paymentId};request-id:${requestId};ts:${ts};`).digest('hex');
    headers['x-signature'] = `ts=${ts},v1=${v1}`;
  }
  const body = {
    id: options.notificationId ?? Math.floor(Math.random() * 1e12),
    live_mode: false,
    type: 'payment',
    date_created: options.dateCreated ?? new Date().toISOString(),
    user_id: 1,
    api_version: 'v1',
    action: options.action ?? 'payment.updated',
    data: { id: paymentId },
  };
  return server.request(`/hooks/mercadopago/${storeId}?data.id=${encodeURIComponent(paymentId)}&type=payment`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
}

/**
 * Waits until the simulator has nothing in flight and no job is running or due: every
 * notification sent so far has been received and acted on. That includes a read paced during a
 * storm (due STORM_PACE_MS later), which on PostgreSQL, where notifications are written while a
 * read runs, is a common end of a burst.
 */
export async function settled(server: TestServer): Promise<void> {
  await server.request('/sandbox/mercadopago/__control/notifications?settled=true');
  const em = server.instance.orm.em.fork();
  await waitFor(
    async () => {
      const now = Date.now();
      const [row] = await em.execute<{ n: number }[]>(
        "select count(*) as n from jobs where status = 'running' or (status = 'queued' and (run_at <= ? or (type = ? and run_at <= ?)))",
        [dbDate(em, new Date(now)), PROCESS_NOTIFICATION, dbDate(em, new Date(now + STORM_PACE_MS))],
      );
      return Number(row!.n) === 0;
    },
    10_000,
    'jobs to settle',
  );
}
