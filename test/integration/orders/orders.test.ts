import { describe, expect, it } from 'vitest';
import { EventSchema } from '../../../src/modules/events/event.entity.js';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { json, startTestServer } from '../../helpers/server.js';

describe('POST /v1/orders', () => {
  it('creates a pending order with totals computed from the items', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const response = await call(server, keys.test, '/v1/orders', {
      body: { ...SAMPLE_ORDER, external_id: 'web-1042', notify: { whatsapp: true }, metadata: { cart: 'c_77' } },
    });
    expect(response.status).toBe(201);
    const order = await json(response);
    expect(order).toMatchObject({
      id: expect.stringMatching(/^ord_/),
      object: 'order',
      status: 'pending',
      external_id: 'web-1042',
      currency: 'BRL',
      items: [{ sku: 'TSHIRT-M', name: 'Camiseta', quantity: 2, unit_amount: 4990, amount: 9980 }],
      amount_subtotal: 9980,
      shipping_amount: 1500,
      amount_total: 11480,
      amount_paid: 0,
      amount_refunded: 0,
      customer: { email: 'ana@example.com', phone: '+5511987654321' },
      notify: { email: true, whatsapp: true },
      metadata: { cart: 'c_77' },
      livemode: false,
    });
    expect(new Date(order.created_at).toISOString()).toBe(order.created_at);
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toEqual(order);
  });

  it('writes order.created in the same transaction, with the request id', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    const response = await call(server, tenant.keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    const order = await json(response);
    const events = await server.instance.orm.em.fork().find(EventSchema, { orderId: order.id }, { filters: false });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'order.created', livemode: false, requestId: response.headers.get('x-request-id') });
    expect(events[0]!.data.object).toEqual(order);
  });

  it.each([
    ['no items', { items: [] }, 'items'],
    ['zero quantity', { items: [{ sku: 'a', name: 'A', quantity: 0, unit_amount: 100 }] }, 'items[0].quantity'],
    ['fractional amount', { items: [{ sku: 'a', name: 'A', quantity: 1, unit_amount: 49.9 }] }, 'items[0].unit_amount'],
    ['negative amount', { items: [{ sku: 'a', name: 'A', quantity: 1, unit_amount: -1 }] }, 'items[0].unit_amount'],
    ['negative shipping', { ...SAMPLE_ORDER, shipping_amount: -5 }, 'shipping_amount'],
    ['a client-side total', { ...SAMPLE_ORDER, amount_total: 1 }, 'amount_total'],
    ['an unknown item field', { items: [{ sku: 'a', name: 'A', quantity: 1, unit_amount: 1, price: 1 }] }, 'items[0].price'],
    ['a bad phone', { ...SAMPLE_ORDER, customer: { phone: '12345' } }, 'customer.phone'],
    ['a bad e-mail', { ...SAMPLE_ORDER, customer: { email: 'ana@' } }, 'customer.email'],
    ['a currency the store does not sell in', { ...SAMPLE_ORDER, currency: 'ARS' }, 'currency'],
    ['an absurd total', { items: [{ sku: 'a', name: 'A', quantity: 100000, unit_amount: 1000000000000 }] }, 'items'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_label, body, param) => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const response = await call(server, keys.test, '/v1/orders', { body });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ type: 'invalid_request_error', param });
    expect((await json(await call(server, keys.test, '/v1/orders'))).data).toEqual([]);
  });

  it('keeps external_id unique per store and mode (409)', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const body = { ...SAMPLE_ORDER, external_id: 'web-7' };
    expect((await call(server, keys.test, '/v1/orders', { body })).status).toBe(201);
    const again = await call(server, keys.test, '/v1/orders', { body });
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatchObject({ type: 'invalid_state_error', code: 'external_id_exists', param: 'external_id' });
    expect((await call(server, keys.live, '/v1/orders', { body })).status).toBe(201);
  });

  it('uses the store’s notification defaults when the order does not say', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    await server.instance.stores.update(tenant.storeId, { notifyWhatsapp: true, notifyEmail: false });
    const order = await json(await call(server, tenant.keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    expect(order.notify).toEqual({ email: false, whatsapp: true });
  });
});

describe('GET /v1/orders', () => {
  it('lists newest first with cursor pagination and filters', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const customer = { email: i % 2 ? 'Odd@Example.com' : 'even@example.com' };
      ids.push(
        (await json(await call(server, keys.test, '/v1/orders', { body: { ...SAMPLE_ORDER, customer, external_id: `w-${i}` } }))).id,
      );
    }
    const page1 = await json(await call(server, keys.test, '/v1/orders?limit=2'));
    expect(page1).toMatchObject({ object: 'list', has_more: true });
    expect(page1.data.map((o: { id: string }) => o.id)).toEqual([ids[4], ids[3]]);
    const page3 = await json(await call(server, keys.test, `/v1/orders?limit=2&starting_after=${ids[1]}`));
    expect(page3.data.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(page3.has_more).toBe(false);

    const odd = await json(await call(server, keys.test, '/v1/orders?customer_email=odd@example.com'));
    expect(odd.data.map((o: { id: string }) => o.id)).toEqual([ids[3], ids[1]]);
    const byExternal = await json(await call(server, keys.test, '/v1/orders?external_id=w-2'));
    expect(byExternal.data.map((o: { id: string }) => o.id)).toEqual([ids[2]]);
    expect((await json(await call(server, keys.test, '/v1/orders?status=paid'))).data).toEqual([]);
  });

  it('refuses bad query parameters', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    for (const [query, param] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['status=shipped', 'status'],
      ['colour=red', 'colour'],
    ]) {
      const response = await call(server, keys.test, `/v1/orders?${query}`);
      expect(response.status, query).toBe(400);
      expect((await json(response)).error.param, query).toBe(param);
    }
  });
});

describe('POST /v1/orders/:id/cancel', () => {
  it('cancels a pending order once, with an order.cancelled event', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const cancelled = await call(server, keys.test, `/v1/orders/${order.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect((await json(cancelled)).status).toBe('cancelled');
    const again = await call(server, keys.test, `/v1/orders/${order.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatchObject({ type: 'invalid_state_error', code: 'order_not_cancellable' });
    const events = await server.instance.orm.em.fork().find(EventSchema, { orderId: order.id }, { filters: false, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['order.created', 'order.cancelled']);
    expect(events[1]!.data.previous_attributes).toEqual({ status: 'pending' });
  });
});
