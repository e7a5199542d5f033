import { describe, expect, it } from 'vitest';
import { ProviderNotificationSchema } from '../../../src/modules/notifications/provider-notification.entity.js';
import { call, createTenant, SAMPLE_ORDER, type CallOptions } from '../../helpers/api.js';
import { payByCard, settled, waitFor } from '../../helpers/mercadopago.js';
import { startReceiver } from '../../helpers/receiver.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

type Listed = { data: Record<string, unknown>[]; has_more: boolean };

/** How many of `items` have each value of `key`. */
function countBy(items: Record<string, unknown>[], key: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item[key] as string] = (counts[item[key] as string] ?? 0) + 1;
  return counts;
}

/** Only the non-zero counts, to compare with what the API lists. */
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

/**
 * A sandbox month of a store: three orders (one paid by card and partly refunded, one whose
 * card is rejected, one left pending), the paid one's e-mail and WhatsApp message, Mercado
 * Pago's and Meta's notifications, an order.paid webhook to two endpoints (one takes it, one
 * answers 410), and a live-mode order on the side. Every /v1 call is counted as it is made.
 */
async function sandboxMonth() {
  const server = await startTestServer({ env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const tenant = await createTenant(server);
  let requests = 0;
  const api = async (path: string, options?: CallOptions) => {
    requests++;
    return json(await call(server, tenant.keys.test, path, options));
  };
  const list = (path: string): Promise<Listed> => api(`${path}${path.includes('?') ? '&' : '?'}limit=100`);
  const taker = await startReceiver();
  const gone = await startReceiver();
  gone.behave((_request, response) => response.writeHead(410).end('gone'));
  const endpoints = [];
  for (const receiver of [taker, gone])
    endpoints.push(await api('/v1/webhook_endpoints', { body: { url: receiver.url, enabled_events: ['order.paid'] } }));

  const paid = await api('/v1/orders', { body: { ...SAMPLE_ORDER, notify: { email: true, whatsapp: true } } });
  const rejected = await api('/v1/orders', { body: { ...SAMPLE_ORDER, notify: { email: false, whatsapp: false } } });
  await api('/v1/orders', { body: { ...SAMPLE_ORDER, notify: { email: false, whatsapp: false } } });
  const payments = [];
  for (const [order, cardholder] of [
    [paid, 'APRO'],
    [rejected, 'OTHE'],
  ]) {
    requests++;
    payments.push(await json(await payByCard(server, tenant.keys.test, order.id, cardholder)));
  }
  await settled(server);
  const refund = await api(`/v1/payments/${payments[0].id}/refunds`, { body: { amount: 1500 } });
  await Promise.all([taker.waitFor(1), gone.waitFor(1)]);
  await waitFor(async () => {
    const messages = (await list(`/v1/messages?order_id=${paid.id}`)).data;
    return messages.length === 2 && messages.every((m) => m.status === (m.channel === 'email' ? 'sent' : 'read'));
  });
  await settled(server);

  // Live mode, beside it: an order and a look at the store.
  const live = (path: string, options?: CallOptions) => call(server, tenant.keys.live, path, options);
  expect((await live('/v1/orders', { body: { ...SAMPLE_ORDER, notify: { email: false, whatsapp: false } } })).status).toBe(201);
  expect((await live('/v1/store')).status).toBe(200);

  // What the API itself says happened: the figures must agree with it.
  const deliveries = [];
  for (const endpoint of endpoints) deliveries.push(...(await list(`/v1/webhook_endpoints/${endpoint.id}/deliveries`)).data);
  const expected = {
    orders: (await list('/v1/orders')).data.length,
    payments: countBy((await list('/v1/payments')).data, 'status'),
    messages: (await list('/v1/messages')).data,
    deliveries: countBy(deliveries, 'status'),
    notifications: countBy(
      (await server.instance.orm.em.fork().find(ProviderNotificationSchema, { store: tenant.storeId })) as unknown as Record<
        string,
        unknown
      >[],
      'provider',
    ),
    refund,
    requests,
  };
  await server.instance.activity.flush();
  return { server, tenant, expected, paid: payments[0] };
}

const usage = (server: TestServer, key: string, query = '') => call(server, key, `/v1/usage${query}`);

describe('GET /v1/usage', () => {
  it('tells a store what a sandbox month of it produced, in the key’s mode only', async () => {
    const { server, tenant, expected, paid } = await sandboxMonth();
    const response = await usage(server, tenant.keys.test);
    expect(response.status).toBe(200);
    const test = await json(response);
    expect(test).toMatchObject({ object: 'usage', store_id: tenant.storeId, store_name: 'Loja Teste', livemode: false });
    expect(test.period).toMatchObject({ timezone: 'UTC', month: new Date().toISOString().slice(0, 7) });

    expect(test.api_requests).toEqual({ count: expected.requests, complete: true });
    expect(test.orders.created).toBe(expected.orders);
    expect(nonZero(test.payments.by_status)).toEqual(expected.payments);
    expect(expected.payments).toEqual({ partially_refunded: 1, rejected: 1 });
    // The approved payment counts with its whole amount, partly refunded as it is since.
    expect(test.payments.approved_volume).toEqual([{ currency: 'BRL', count: 1, amount: paid.amount, formatted: '114.80 BRL' }]);
    expect(expected.refund).toMatchObject({ status: 'succeeded', amount: 1500 });
    expect(test.refunds).toEqual({
      by_status: { pending: 0, succeeded: 1, failed: 0 },
      refunded_volume: [{ currency: 'BRL', count: 1, amount: 1500, formatted: '15.00 BRL' }],
    });
    expect(test.webhook_deliveries).toEqual({ ...expected.deliveries, complete: true });
    expect(expected.deliveries).toEqual({ succeeded: 1, failed: 1 });
    const ofChannel = (channel: string) =>
      countBy(
        expected.messages.filter((m) => m.channel === channel),
        'status',
      );
    expect(nonZero(test.messages.email)).toEqual(ofChannel('email'));
    expect(nonZero(test.messages.whatsapp)).toEqual(ofChannel('whatsapp'));
    expect(test.messages.whatsapp_billable).toBe(1);
    expect(test.inbound_notifications).toEqual({ ...expected.notifications, unattributed: 0 });
    expect(expected.notifications.mercadopago).toBeGreaterThanOrEqual(1);
    expect(expected.notifications.whatsapp).toBeGreaterThanOrEqual(1);

    // The live key sees its own order and calls, and nothing of the test mode's.
    const live = await json(await usage(server, tenant.keys.live));
    expect(live).toMatchObject({ livemode: true, api_requests: { count: 2 }, orders: { created: 1 } });
    expect(live.payments.approved_volume).toEqual([]);
    expect(live.refunds.by_status).toEqual({ pending: 0, succeeded: 0, failed: 0 });
    expect(live.webhook_deliveries).toEqual({ succeeded: 0, failed: 0, complete: true });
    expect(live.messages.whatsapp_billable).toBe(0);
    expect(live.inbound_notifications).toEqual({ mercadopago: 0, whatsapp: 0, unattributed: 0 });

    // Another month had none of it; and usage calls are requests too.
    const before = await json(await usage(server, tenant.keys.test, '?month=2026-01'));
    expect(before).toMatchObject({ api_requests: { count: 0 }, orders: { created: 0 }, period: { month: '2026-01' } });
    await server.instance.activity.flush();
    expect((await json(await usage(server, tenant.keys.test))).api_requests.count).toBe(expected.requests + 2);
  });

  it('refuses a month that is not one, or parameters it does not take', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    const bad = await usage(server, tenant.keys.test, '?month=2026-13');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ code: 'parameter_invalid', param: 'month' });
    const unknown = await usage(server, tenant.keys.test, '?since=2026-11-01');
    expect((await json(unknown)).error).toMatchObject({ code: 'unknown_parameter', param: 'since' });
    expect((await usage(server, tenant.keys.publishable)).status).toBe(403);
  });
});
