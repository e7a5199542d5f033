import { describe, expect, it } from 'vitest';
import { createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { json, startTestServer } from '../../helpers/server.js';

// Found by the fuzz scenario of `npm run chaos`: both answered 500.
describe('hostile input answers 4xx in the contract shape', () => {
  it('refuses a body nested thousands of levels deep with 400, with or without an idempotency key', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    for (const idempotency of [{}, { 'idempotency-key': 'deep-body-1' }] as Record<string, string>[]) {
      const response = await server.request('/v1/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.test}`, 'content-type': 'application/json', ...idempotency },
        body: `{"items":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      });
      expect(response.status).toBe(400);
      expect((await json(response)).error.code).toBe('invalid_json');
    }
  });

  it('refuses a NUL character in an id, a query or a body with 400 and changes nothing', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const headers = { authorization: `Bearer ${keys.test}`, 'content-type': 'application/json' };
    const answers = [
      await server.request('/v1/orders/ord_x%00.json', { headers }),
      await server.request('/v1/orders?external_id=a%00b', { headers }),
      await server.request('/v1/orders', { method: 'POST', headers, body: JSON.stringify({ ...SAMPLE_ORDER, external_id: 'a\u0000b' }) }),
      await server.request('/v1/orders', {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...SAMPLE_ORDER, metadata: { 'k\u0000': 'v' } }),
      }),
    ];
    for (const response of answers) {
      expect(response.status).toBe(400);
      expect((await json(response)).error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid' });
    }
    const [row] = await server.instance.orm.em.fork().execute<{ n: number }[]>('select count(*) as n from orders');
    expect(Number(row!.n)).toBe(0);
  });
});
