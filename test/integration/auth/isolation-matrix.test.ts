import { describe, expect, it } from 'vitest';
import { MessageSchema } from '../../../src/modules/messages/message.entity.js';
import { PaymentSchema } from '../../../src/modules/payments/payment.entity.js';
import { newId } from '../../../src/shared/ids.js';
import type { RouteSpec } from '../../../src/server/route.js';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

/**
 * How to make one object of each resource that routes take by id, with a given key. A route
 * added later whose resource is not here fails the test until it is listed: isolation is
 * checked for every id-taking route, not only the ones someone remembered.
 */
const FIXTURES: Record<string, (server: TestServer, key: string) => Promise<string>> = {
  orders: async (server, key) => (await json(await call(server, key, '/v1/orders', { body: SAMPLE_ORDER }))).id,
  // message.* events do not happen in these tests, so nothing is ever sent to this URL.
  webhook_endpoints: async (server, key) =>
    (
      await json(
        await call(server, key, '/v1/webhook_endpoints', { body: { url: 'https://shop.example/hooks', enabled_events: ['message.*'] } }),
      )
    ).id,
  // Live mode has no Mercado Pago here, so the payment row is written directly for the owner.
  payments: async (server, key) => {
    const order = await json(await call(server, key, '/v1/orders', { body: SAMPLE_ORDER }));
    const store = await json(await call(server, key, '/v1/store'));
    const em = server.instance.orm.em.fork();
    const id = `pay_${order.id.slice(4)}`;
    em.create(PaymentSchema, {
      id,
      store: store.id,
      livemode: store.livemode,
      orderId: order.id,
      amount: 1,
      currency: 'BRL',
      method: 'pix',
      provider: 'mercadopago',
    });
    await em.flush();
    return id;
  },
  // Written directly too: live mode has no SMTP here, and a queued message would be sent.
  messages: async (server, key) => {
    const store = await json(await call(server, key, '/v1/store'));
    const em = server.instance.orm.em.fork();
    const message = em.create(MessageSchema, {
      id: newId('msg'),
      store: store.id,
      livemode: store.livemode,
      channel: 'email',
      to: 'ana@example.com',
      template: 'order_paid',
      locale: 'pt-BR',
      status: 'sent',
      content: { channel: 'email', subject: 'Pagamento confirmado', html: '<p>ok</p>', text: 'ok' },
    });
    await em.flush();
    return message.id;
  },
  events: async (server, key) => {
    const order = await json(await call(server, key, '/v1/orders', { body: SAMPLE_ORDER }));
    return (await json(await call(server, key, `/v1/events?order_id=${order.id}`))).data[0].id;
  },
};

const idRoutes = (routes: RouteSpec[]) => routes.filter((route) => route.path.startsWith('/v1/') && route.path.includes('/:'));
const resourceOf = (route: RouteSpec) => route.path.split('/')[2]!;
const request = (route: RouteSpec, id: string) => ({
  path: route.path.replace(/:[A-Za-z_]+/, id),
  options: { method: route.method.toUpperCase(), ...(route.method === 'get' || route.method === 'delete' ? {} : { body: {} }) },
});

describe('tenant isolation matrix', () => {
  it('has a fixture for every route that takes an id', async () => {
    const server = await startTestServer();
    const missing = idRoutes(server.routes).filter((route) => !FIXTURES[resourceOf(route)]);
    expect(missing.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual([]);
    expect(idRoutes(server.routes).length).toBeGreaterThan(0);
  });

  it("answers 404 for another store's ids and for the other mode's ids, exactly like unknown ids", async () => {
    const server = await startTestServer();
    const a = await createTenant(server, 'Store A');
    const b = await createTenant(server, 'Store B');
    const cases: string[] = [];
    for (const route of idRoutes(server.routes)) {
      const make = FIXTURES[resourceOf(route)]!;
      const testId = await make(server, a.keys.test);
      const liveId = await make(server, a.keys.live);
      const unknownId = `${testId.slice(0, -4)}zzzz`;
      const attempts = [
        { who: 'store B, test key, store A test id', key: b.keys.test, id: testId },
        { who: 'store B, live key, store A live id', key: b.keys.live, id: liveId },
        { who: 'store A, test key, store A live id', key: a.keys.test, id: liveId },
        { who: 'store A, live key, store A test id', key: a.keys.live, id: testId },
        { who: 'store A, test key, unknown id', key: a.keys.test, id: unknownId },
      ];
      const bodies = [];
      for (const attempt of attempts) {
        const { path, options } = request(route, attempt.id);
        const response = await call(server, attempt.key, path, options);
        const label = `${route.method.toUpperCase()} ${route.path}: ${attempt.who}`;
        expect(response.status, label).toBe(404);
        const { error } = await json(response);
        expect(error.type, label).toBe('not_found_error');
        bodies.push(`${error.code}|${error.message.replace(attempt.id, '<id>')}`);
        cases.push(label);
      }
      // Indistinguishable from an unknown id: same code, same message.
      expect(new Set(bodies).size, route.path).toBe(1);
      // And the owner does reach it.
      const { path, options } = request(route, testId);
      expect((await call(server, a.keys.test, path, options)).status, `${route.path}: owner`).not.toBe(404);
    }
    expect(cases.length).toBe(idRoutes(server.routes).length * 5);
  });

  it('never lists another store or mode', async () => {
    const server = await startTestServer();
    const a = await createTenant(server, 'Store A');
    const b = await createTenant(server, 'Store B');
    await call(server, a.keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    await call(server, a.keys.live, '/v1/orders', { body: SAMPLE_ORDER });
    expect((await json(await call(server, b.keys.test, '/v1/orders'))).data).toEqual([]);
    const aTest = (await json(await call(server, a.keys.test, '/v1/orders'))).data;
    expect(aTest).toHaveLength(1);
    expect(aTest[0].livemode).toBe(false);
  });

  it('refuses to query store-owned data without a scope at all', async () => {
    const server = await startTestServer();
    const { OrderSchema } = await import('../../../src/modules/orders/order.entity.js');
    await expect(server.instance.orm.em.fork().find(OrderSchema, {})).rejects.toThrow(/tenant/);
  });
});
