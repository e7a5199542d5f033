import { describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER, type Tenant } from '../../helpers/api.js';
import { settled, simControl, waitFor } from '../../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

async function setup() {
  const server = await startTestServer();
  const tenant = await createTenant(server);
  const order = await json(await call(server, tenant.keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
  return { server, tenant, order };
}

function checkout(server: TestServer, tenant: Tenant, orderId: string, body: Record<string, unknown> = {}) {
  return call(server, tenant.keys.test, `/v1/orders/${orderId}/checkout`, { body });
}

async function orderPayments(server: TestServer, tenant: Tenant, orderId: string) {
  return (await json(await call(server, tenant.keys.test, `/v1/payments?order_id=${orderId}`))).data;
}

describe('Checkout Pro: POST /v1/orders/:id/checkout', () => {
  it('creates a payment link; the buyer pays there and the payment arrives on the order by notification', async () => {
    const { server, tenant, order } = await setup();
    const response = await checkout(server, tenant, order.id, {
      success_url: 'https://shop.example/ok',
      failure_url: 'https://shop.example/ko',
    });
    expect(response.status).toBe(201);
    const created = await json(response);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^chk_/),
      object: 'checkout',
      order_id: order.id,
      url: expect.stringContaining('/sandbox/mercadopago/checkout/pay/'),
      provider_preference_id: expect.any(String),
      livemode: false,
    });
    // 24 hours unless told otherwise.
    expect(Date.parse(created.expires_at) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect((await fetch(created.url)).status).toBe(200);
    // What MP was asked for: the order's lines plus shipping, our checkout id, our hook.
    const preference = await json(
      await server.request(`/sandbox/mercadopago/checkout/preferences/${created.provider_preference_id}`, {
        headers: { authorization: `Bearer TEST-sandbox-${tenant.storeId}` },
      }),
    );
    expect(preference).toMatchObject({
      external_reference: created.id,
      notification_url: expect.stringContaining(`/hooks/mercadopago/${tenant.storeId}?source_news=webhooks`),
      back_urls: { success: 'https://shop.example/ok', failure: 'https://shop.example/ko' },
      auto_return: 'approved',
    });
    expect(preference.items.map((item: { unit_price: number; quantity: number }) => item.unit_price * item.quantity)).toEqual([99.8, 15]);

    // The buyer's first card is declined, the second approved: two payments on one link.
    await simControl(server, `/preferences/${created.provider_preference_id}/pay`, { cardholder_name: 'OTHE' });
    await simControl(server, `/preferences/${created.provider_preference_id}/pay`, { cardholder_name: 'APRO' });
    await settled(server);
    const payments = await orderPayments(server, tenant, order.id);
    expect(payments.map((p: { status: string }) => p.status).sort()).toEqual(['approved', 'rejected']);
    expect(
      payments.every((p: { amount: number; provider_payment_id: string }) => p.amount === 11480 && /^\d+$/.test(p.provider_payment_id)),
    ).toBe(true);
    expect(await json(await call(server, tenant.keys.test, `/v1/orders/${order.id}`))).toMatchObject({
      status: 'paid',
      amount_paid: 11480,
    });
    const approved = payments.find((p: { status: string }) => p.status === 'approved');
    const types = (await json(await call(server, tenant.keys.test, `/v1/events?payment_id=${approved.id}`))).data.map(
      (e: { type: string }) => e.type,
    );
    expect(types.reverse()).toEqual(['payment.created', 'payment.approved']);
  });

  it('notifications racing to adopt the same new payment record it once', async () => {
    const { server, tenant, order } = await setup();
    const created = await json(await checkout(server, tenant, order.id));
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 1 });
    const paid = await simControl(server, `/preferences/${created.provider_preference_id}/pay`, { cardholder_name: 'APRO' });
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        server.instance.paymentIntake.settle(tenant.storeId, String(paid.id), { cause: 'notification', causeId: null }),
      ),
    );
    const ids = new Set(outcomes.map((outcome) => (outcome.result === 'applied' ? outcome.paymentId : null)));
    expect(ids.size).toBe(1);
    await settled(server);
    expect(await orderPayments(server, tenant, order.id)).toHaveLength(1);
    expect(await json(await call(server, tenant.keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'paid' });
  });

  it('refuses bad input with the contract error shape and writes nothing', async () => {
    const { server, tenant, order } = await setup();
    const past = await checkout(server, tenant, order.id, { expires_at: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect((await json(past)).error).toMatchObject({ type: 'invalid_request_error', param: 'expires_at' });
    const badUrl = await checkout(server, tenant, order.id, { success_url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect((await json(badUrl)).error.param).toBe('success_url');
    expect((await checkout(server, tenant, 'ord_missing')).status).toBe(404);
    expect((await call(server, tenant.keys.test, `/v1/orders/${order.id}/cancel`, { method: 'POST' })).status).toBe(200);
    const cancelled = await checkout(server, tenant, order.id);
    expect(cancelled.status).toBe(409);
    expect((await json(cancelled)).error.code).toBe('order_not_payable');
    const [row] = await server.instance.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*) as n from checkouts');
    expect(Number(row!.n)).toBe(0);
  });
});
