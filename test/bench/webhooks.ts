import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchApi, ORDER } from './api.js';
import { percentile, round1 } from './stats.js';

export interface WebhookFigures {
  latencyP50: number;
  latencyP99: number;
  deliveriesPerSecond: number;
  /** The backlog left once every order was created, drained with no API traffic competing. */
  drainPerSecond: number;
  deliveries: number;
}

/**
 * Event → delivery, measured at a receiver on loopback: latency with one endpoint (orders one
 * after another), then sustained throughput with ten endpoints (orders sent concurrently).
 */
export async function benchWebhooks(baseUrl: string, key: string): Promise<WebhookFigures> {
  const arrivals: { path: string; id: string; at: number }[] = [];
  let onArrival = () => {};
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push({ path: req.url ?? '', id: String(req.headers['webhook-id']), at: performance.now() });
      res.writeHead(204).end();
      onArrival();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const api = benchApi(baseUrl, key);
  const waitFor = (count: number) =>
    new Promise<void>((resolve) => {
      onArrival = () => arrivals.length >= count && resolve();
      onArrival();
    });

  try {
    await api.post('/v1/webhook_endpoints', { url: `${receiverUrl}/e0`, enabled_events: ['order.created'] });
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const before = arrivals.length;
      await api.post('/v1/orders', ORDER);
      await waitFor(before + 1);
      latencies.push(arrivals.at(-1)!.at - started);
    }
    latencies.sort((a, b) => a - b);

    for (let e = 1; e < 10; e++)
      await api.post('/v1/webhook_endpoints', { url: `${receiverUrl}/e${e}`, enabled_events: ['order.created'] });
    const orders = 200;
    const start = arrivals.length;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < orders) {
          next++;
          await api.post('/v1/orders', ORDER);
        }
      }),
    );
    const ordersDone = performance.now();
    const backlog = start + orders * 10 - arrivals.length;
    await waitFor(start + orders * 10);
    const finished = performance.now();
    const seconds = (finished - started) / 1000;
    return {
      latencyP50: round1(percentile(latencies, 50)),
      latencyP99: round1(percentile(latencies, 99)),
      deliveriesPerSecond: Math.round((orders * 10) / seconds),
      drainPerSecond: Math.round(backlog / ((finished - ordersDone) / 1000)),
      deliveries: orders * 10,
    };
  } finally {
    receiver.closeAllConnections();
    receiver.close();
  }
}
