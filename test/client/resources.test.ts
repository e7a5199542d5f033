import { describe, expect, it } from 'vitest';
import { createTenant, SAMPLE_ORDER } from '../helpers/api.js';
import { cardToken, settled } from '../helpers/mercadopago.js';
import { startTestServer } from '../helpers/server.js';
import { clientFor } from './client-helpers.js';

const ALLOW_PRIVATE = { env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } };

describe('BaasClient resources, against the real server', () => {
  it('orders: create, retrieve, list with filters, cancel', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { baas } = clientFor(server, keys.test);

    const order = await baas.orders.create({ ...SAMPLE_ORDER, external_id: 'web-1', currency: 'brl' });
    expect(order).toMatchObject({ object: 'order', status: 'pending', currency: 'BRL', amount_total: 11480, external_id: 'web-1' });
    expect(await baas.orders.retrieve(order.id)).toEqual(order);
    expect((await baas.orders.list({ external_id: 'web-1' })).data.map((o) => o.id)).toEqual([order.id]);
    expect((await baas.orders.list({ status: 'paid' })).data).toEqual([]);
    expect((await baas.orders.cancel(order.id)).status).toBe('cancelled');
  });

  it('payments: a card payment, its refund, sync and cancel; a Checkout Pro link', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { baas } = clientFor(server, keys.test);

    const order = await baas.orders.create(SAMPLE_ORDER);
    const checkout = await baas.checkouts.create(order.id, { success_url: 'https://shop.example/thanks' });
    expect(checkout).toMatchObject({ object: 'checkout', order_id: order.id, provider: 'mercadopago' });
    expect(checkout.url).toMatch(/^http/);

    const token = await cardToken(server, 'APRO');
    const payment = await baas.payments.create({
      order_id: order.id,
      method: 'card',
      token,
      payment_method_id: 'master',
      payer: { email: 'ana@example.com' },
    });
    expect(payment).toMatchObject({ object: 'payment', status: 'approved', amount: 11480, installments: 1 });
    expect(await baas.payments.retrieve(payment.id)).toMatchObject({ id: payment.id });
    expect((await baas.payments.list({ order_id: order.id })).data.map((p) => p.id)).toEqual([payment.id]);
    expect((await baas.payments.sync(payment.id)).status).toBe('approved');

    const refund = await baas.payments.refund(payment.id, { amount: 1500, reason: 'frete' });
    expect(refund).toMatchObject({ object: 'refund', payment_id: payment.id, amount: 1500, status: 'succeeded' });
    expect((await baas.orders.retrieve(order.id)).status).toBe('partially_refunded');

    const pending = await baas.orders.create(SAMPLE_ORDER);
    const pix = await baas.payments.create({ order_id: pending.id, method: 'pix', payer: { email: 'ana@example.com' } });
    expect(pix.pix?.qr_code).toBeTruthy();
    expect((await baas.payments.cancel(pix.id)).status).toBe('cancelled');
    await settled(server);
  });

  it('events, webhook endpoints (rotate, deliveries, delete) and redelivery', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const { baas } = clientFor(server, keys.test);

    const endpoint = await baas.webhookEndpoints.create({ url: 'https://shop.example/hooks', enabled_events: ['order.*'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await baas.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
    expect((await baas.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);
    expect(await baas.webhookEndpoints.update(endpoint.id, { status: 'disabled', description: 'paused' })).toMatchObject({
      status: 'disabled',
      description: 'paused',
    });
    const rotated = await baas.webhookEndpoints.rotateSecret(endpoint.id, { expire_current_in: 0 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    const order = await baas.orders.create(SAMPLE_ORDER);
    const [created] = (await baas.events.list({ order_id: order.id, type: 'order.created' })).data;
    expect(created).toMatchObject({ object: 'event', type: 'order.created', data: { object: { id: order.id } } });
    expect(await baas.events.retrieve(created!.id)).toEqual(created);

    await baas.webhookEndpoints.update(endpoint.id, { status: 'enabled' });
    const redelivery = await baas.events.redeliver(created!.id, { endpoint_id: endpoint.id });
    expect(redelivery).toEqual({ object: 'redelivery', event_id: created!.id, endpoint_ids: [endpoint.id] });
    expect((await baas.webhookEndpoints.listDeliveries(endpoint.id, { status: 'succeeded' })).object).toBe('list');

    expect(await baas.webhookEndpoints.delete(endpoint.id)).toEqual({ id: endpoint.id, object: 'webhook_endpoint', deleted: true });
    expect((await baas.webhookEndpoints.list()).data).toEqual([]);
  });

  it('messages, the store and the public config (with a publishable key)', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    const { baas } = clientFor(server, tenant.keys.test);

    const order = await baas.orders.create(SAMPLE_ORDER);
    const message = await baas.messages.create({ channel: 'email', template: 'order_confirmation', order_id: order.id });
    expect(message).toMatchObject({ object: 'message', channel: 'email', to: 'ana@example.com', status: 'queued' });
    expect((await baas.messages.retrieve(message.id)).id).toBe(message.id);
    expect((await baas.messages.list({ order_id: order.id, channel: 'email' })).data.map((m) => m.id)).toContain(message.id);

    expect(await baas.store.retrieve()).toMatchObject({ id: tenant.storeId, object: 'store', currency: 'BRL', livemode: false });
    const browser = clientFor(server, tenant.keys.publishable).baas;
    expect(await browser.publicConfig.retrieve()).toMatchObject({ currency: 'BRL', locale: 'pt-BR' });
  });
});
