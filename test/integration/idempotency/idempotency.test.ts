import { describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

async function orderCount(server: TestServer, key: string): Promise<number> {
  return (await json(await call(server, key, '/v1/orders?limit=100'))).data.length;
}

describe('Idempotency-Key', () => {
  it('replays the first response, status and body, with Idempotent-Replayed', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const headers = { 'idempotency-key': 'order-web-1042' };
    const first = await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers });
    const second = await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(second)).toEqual(await json(first));
    expect(await orderCount(server, keys.test)).toBe(1);
  });

  it('treats the same JSON with keys in another order as the same request', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const headers = { 'idempotency-key': 'k-reordered' };
    await call(server, keys.test, '/v1/orders', { body: { items: SAMPLE_ORDER.items, shipping_amount: 0 }, headers });
    const again = await call(server, keys.test, '/v1/orders', { body: { shipping_amount: 0, items: SAMPLE_ORDER.items }, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key with a different body (422) and runs nothing', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const headers = { 'idempotency-key': 'k-conflict' };
    await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers });
    const conflicting = await call(server, keys.test, '/v1/orders', { body: { ...SAMPLE_ORDER, shipping_amount: 1 }, headers });
    expect(conflicting.status).toBe(422);
    expect((await json(conflicting)).error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_reused' });
    expect(await orderCount(server, keys.test)).toBe(1);
  });

  it('replays errors too, so a retry never runs a request twice', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const headers = { 'idempotency-key': 'k-error' };
    const body = { ...SAMPLE_ORDER, currency: 'ARS' };
    const first = await call(server, keys.test, '/v1/orders', { body, headers });
    const second = await call(server, keys.test, '/v1/orders', { body, headers });
    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(second)).error.code).toBe('currency_unsupported');
  });

  it('runs exactly one of several concurrent requests with the same key', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const headers = { 'idempotency-key': 'k-race' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const executed = responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(executed).toHaveLength(1);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect((await json(response)).error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_in_use' });
    }
    expect(await orderCount(server, keys.test)).toBe(1);
  });

  it('keys are per store and mode', async () => {
    const server = await startTestServer();
    const a = await createTenant(server, 'A');
    const b = await createTenant(server, 'B');
    const headers = { 'idempotency-key': 'shared-key' };
    expect((await call(server, a.keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers })).headers.get('idempotent-replayed')).toBeNull();
    expect((await call(server, a.keys.live, '/v1/orders', { body: SAMPLE_ORDER, headers })).headers.get('idempotent-replayed')).toBeNull();
    expect((await call(server, b.keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers })).headers.get('idempotent-replayed')).toBeNull();
  });

  it('survives a restart', async () => {
    const first = await startTestServer();
    const { keys } = await createTenant(first);
    const headers = { 'idempotency-key': 'k-restart' };
    const original = await json(await call(first, keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers }));
    await first.stop();
    const second = await startTestServer({ dataDir: first.dataDir });
    const replay = await call(second, keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(replay)).toEqual(original);
  });

  it('rejects a malformed key', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const response = await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER, headers: { 'idempotency-key': 'x'.repeat(300) } });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ code: 'idempotency_key_invalid', param: 'Idempotency-Key' });
  });
});
