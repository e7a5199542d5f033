import { describe, expect, it } from 'vitest';
import { cardPayment, startSim } from './harness.js';

describe('Mercado Pago simulator: failure injection', () => {
  it('500 for the next matching call, then success; other paths unaffected', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { method: 'POST', path: '/v1/payments', mode: '500' });
    const body = cardPayment(await sim.cardToken('APRO'));
    expect((await sim.call('GET', '/v1/payments/search')).status).toBe(200); // GET does not match
    const failed = await sim.call('POST', '/v1/payments', { key: 'k1', body });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ message: 'Internal server error', error: 'internal_server_error', status: 500, cause: [] });
    // Nothing was created: the retry with the same key and token succeeds.
    const retried = await sim.call('POST', '/v1/payments', { key: 'k1', body });
    expect(retried.status).toBe(201);
    expect(retried.body.status).toBe('approved');
  });

  it('429 with Retry-After, count times', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { path: '/v1/payments', mode: '429', retry_after: 2, count: 2 });
    for (let i = 0; i < 2; i++) {
      const reply = await sim.call('GET', '/v1/payments/search');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('2');
      expect(reply.body).toMatchObject({ error: 'too_many_requests', status: 429 });
    }
    expect((await sim.call('GET', '/v1/payments/search')).status).toBe(200);
  });

  it('hang: the client times out, the payment is created anyway, the same key replays it', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { method: 'POST', path: '/v1/payments', mode: 'hang', hang_ms: 400 });
    const body = cardPayment(await sim.cardToken('APRO'));
    await expect(sim.call('POST', '/v1/payments', { key: 'k-hang', body, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const search = await sim.call('GET', `/v1/payments/search?external_reference=${body.external_reference}`);
    expect(search.body.paging.total).toBe(1);
    const retried = await sim.call('POST', '/v1/payments', { key: 'k-hang', body });
    expect(retried.body.id).toBe(search.body.results[0].id);
  });

  it('hang with after_hang abort cuts the connection and creates nothing', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { path: '/v1/payments', mode: 'hang', hang_ms: 100, after_hang: 'abort' });
    const body = cardPayment(await sim.cardToken('APRO'));
    await expect(sim.call('POST', '/v1/payments', { key: true, body })).rejects.toThrow();
    expect((await sim.call('GET', `/v1/payments/search?external_reference=${body.external_reference}`)).body.paging.total).toBe(0);
  });

  it('controls are never failed, and bad control input is a 400', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { path: '/', mode: '500', count: 5 });
    expect((await sim.control('GET', '/config')).status).toBe(200);
    expect((await sim.control('POST', '/failures', { path: '/v1', mode: 'explode' })).status).toBe(400);
    expect((await sim.control('DELETE', '/failures')).status).toBe(204);
    expect((await sim.call('GET', '/v1/payments/search')).status).toBe(200);
  });
});
