import { createHmac, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { benchApi, ORDER, type Api } from './api.js';
import { percentile } from './stats.js';

export interface IngestFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface NotificationLatency {
  /** Simulator change (which notifies us) → applied transition, one at a time. */
  p50: number;
  p99: number;
  samples: number;
}

async function pixPayments(api: Api, count: number): Promise<{ id: string; providerId: string }[]> {
  const payments = [];
  for (let i = 0; i < count; i++) {
    const order = await api.post('/v1/orders', ORDER);
    const payment = await api.post('/v1/payments', { order_id: order.id, method: 'pix', payer: { email: 'bench@example.com' } });
    payments.push({ id: payment.id, providerId: payment.provider_payment_id! });
  }
  return payments;
}

/**
 * Signed Mercado Pago notifications to /hooks/mercadopago/:storeId, each a distinct
 * notification about one of a few real payments (so every one is stored, enqueued and then
 * processed: read back from Mercado Pago, a simulator in its own process, and applied), while
 * autocannon measures the acknowledgements.
 */
export async function benchIngest(baseUrl: string, storeId: string, key: string, secret: string, seconds: number): Promise<IngestFigures> {
  const targets = await pixPayments(benchApi(baseUrl, key), 20);
  return signedNotifications(
    baseUrl,
    storeId,
    targets.map((target) => target.providerId),
    secret,
    seconds,
  );
}

/** The load itself, round-robin over `providerIds`: also what the ingest yardstick (ingest-floor.ts) is measured with. */
export async function signedNotifications(
  baseUrl: string,
  storeId: string,
  providerIds: string[],
  secret: string,
  seconds: number,
): Promise<IngestFigures> {
  let sequence = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: 10,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const providerId = providerIds[sequence++ % providerIds.length]!;
          const requestId = randomUUID();
          const ts = String(Date.now());
          const v1 = createHmac('sha256', secret).update(`id:${providerId};request-id:${requestId};ts:${ts};`).digest('hex');
          return {
            ...request,
            path: `/hooks/mercadopago/${storeId}?data.id=${providerId}&type=payment`,
            headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'x-signature': `ts=${ts},v1=${v1}` },
            body: JSON.stringify({
              id: sequence,
              type: 'payment',
              action: 'payment.updated',
              date_created: new Date().toISOString(),
              data: { id: providerId },
            }),
          };
        },
      },
    ],
  });

  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * One at a time, on the built-in sandbox (which notifies us over loopback): the time from a
 * payment change in the simulator to the transition applied, read from the event's created_at.
 */
export async function benchNotificationLatency(baseUrl: string, key: string): Promise<NotificationLatency> {
  const api = benchApi(baseUrl, key);
  const latencies: number[] = [];
  for (const payment of await pixPayments(api, 40)) {
    const started = Date.now();
    await fetch(`${baseUrl}/sandbox/mercadopago/__control/payments/${payment.providerId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'approved' }),
    });
    for (let polls = 0; polls < 500; polls++) {
      const events = await api.get(`/v1/events?payment_id=${payment.id}&type=payment.approved`);
      const approved = events.data[0];
      if (approved) {
        latencies.push(Date.parse(approved.created_at) - started);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length };
}
