import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BaasConnectionError, ProviderError, RateLimitError } from '../../src/client/index.js';
import { createTenant, SAMPLE_ORDER } from '../helpers/api.js';
import { payByCard, simControl } from '../helpers/mercadopago.js';
import { json, startTestServer } from '../helpers/server.js';
import { clientFor } from './client-helpers.js';

describe('BaasClient retries', () => {
  it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
    const server = await startTestServer({ env: { BAAS_RATE_LIMIT_PER_SECOND: '1', BAAS_RATE_LIMIT_BURST: '1' } });
    const { keys } = await createTenant(server);
    const { baas, sent } = clientFor(server, keys.test);

    await baas.store.retrieve();
    const started = Date.now();
    await baas.store.retrieve();
    expect(sent.map((r) => r.status)).toEqual([200, 429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gives a RateLimitError when retries are off', async () => {
    const server = await startTestServer({ env: { BAAS_RATE_LIMIT_PER_SECOND: '1', BAAS_RATE_LIMIT_BURST: '1' } });
    const { keys } = await createTenant(server);
    const { baas } = clientFor(server, keys.test, { maxRetries: 0 });

    await baas.store.retrieve();
    const error = await baas.store.retrieve().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('retries a POST whose answer was lost with the same Idempotency-Key: the order is created once', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    let dropped = false;
    const losesFirstAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (dropped) return response;
      dropped = true;
      throw new TypeError('fetch failed: socket hang up');
    };
    const { baas, sent } = clientFor(server, keys.test, { fetch: losesFirstAnswer });

    const order = await baas.orders.create(SAMPLE_ORDER);
    expect(sent).toHaveLength(2);
    const [first, retry] = sent.map((r) => r.headers.get('idempotency-key'));
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry).toBe(first);
    const listed = await json(await server.request('/v1/orders', { headers: { authorization: `Bearer ${keys.test}` } }));
    expect(listed.data.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it('retries a 5xx that is not a replay (a proxy in front of baas restarting)', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    let calls = 0;
    const proxyRestarting: typeof fetch = async (input, init) =>
      calls++ === 0 ? new Response('<h1>502 Bad Gateway</h1>', { status: 502 }) : fetch(input, init);
    const { baas, sent } = clientFor(server, keys.test, { fetch: proxyRestarting });

    expect((await baas.store.retrieve()).object).toBe('store');
    expect(sent.map((r) => r.status)).toEqual([502, 200]);
  });

  it('a new logical call gets a new Idempotency-Key', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { baas, sent } = clientFor(server, keys.test);

    await baas.orders.create(SAMPLE_ORDER);
    await baas.orders.create(SAMPLE_ORDER);
    expect(new Set(sent.map((r) => r.headers.get('idempotency-key'))).size).toBe(2);
    expect(sent.every((r) => r.headers.get('idempotency-key'))).toBe(true);
  });

  it('does not repeat a 5xx that the server replays for the same key: another try would only replay it again', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(
      await server.request('/v1/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.test}`, 'content-type': 'application/json' },
        body: JSON.stringify(SAMPLE_ORDER),
      }),
    );
    const payment = await json(await payByCard(server, keys.test, order.id, 'CONT'));
    await simControl(server, '/failures', { method: 'GET', path: '/v1/payments/', mode: '500', count: 10 });
    const { baas, sent } = clientFor(server, keys.test);

    const error = await baas.payments.sync(payment.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('mp_http_500');
    expect(sent.map((r) => r.status)).toEqual([502, 502]);
    expect((error as ProviderError).headers.get('idempotent-replayed')).toBe('true');
  });

  it('retries connection failures, then gives a BaasConnectionError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const { baas, sent } = clientFor({ url: `http://127.0.0.1:${port}` }, 'sk_test_x', { maxRetries: 2 });

    const error = await baas.orders.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaasConnectionError);
    expect(sent).toHaveLength(3);
  });
});
