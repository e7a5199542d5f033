import { describe, expect, it } from 'vitest';
import { call, createTenant, eventTypes, SAMPLE_ORDER, withoutMessages } from '../../helpers/api.js';
import { payByCard } from '../../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

describe('POST /v1/payments against the sandbox simulator', () => {
  it('APRO: the card payment is approved, the order paid, and the events tell it in order', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const response = await payByCard(server, keys.test, order.id, 'APRO');
    expect(response.status).toBe(201);
    const payment = await json(response);
    expect(payment).toMatchObject({
      object: 'payment',
      order_id: order.id,
      status: 'approved',
      amount: 11480,
      currency: 'BRL',
      method: 'card',
      provider: 'mercadopago',
      provider_status: 'approved',
      provider_status_detail: 'accredited',
      provider_payment_id: expect.stringMatching(/^\d+$/),
    });
    expect(await json(await call(server, keys.test, `/v1/payments/${payment.id}`))).toEqual(payment);
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'paid', amount_paid: 11480 });
    expect(withoutMessages(await eventTypes(server, keys.test, `order_id=${order.id}`))).toEqual([
      'order.created',
      'payment.created',
      'payment.approved',
      'order.paid',
    ]);
    expect((await json(await call(server, keys.test, `/v1/payments?order_id=${order.id}`))).data).toHaveLength(1);
  });

  it('OTHE is rejected (raw status kept) and the order stays payable; CONT is in process', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const rejected = await json(await payByCard(server, keys.test, order.id, 'OTHE'));
    expect(rejected).toMatchObject({ status: 'rejected', provider_status: 'rejected', provider_status_detail: 'cc_rejected_other_reason' });
    expect((await json(await call(server, keys.test, `/v1/orders/${order.id}`))).status).toBe('pending');
    const pending = await json(await payByCard(server, keys.test, order.id, 'CONT'));
    expect(pending.status).toBe('in_process');
  });

  it('Pix: pending with the QR code and ticket to show the buyer', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const payment = await json(
      await call(server, keys.test, '/v1/payments', { body: { order_id: order.id, method: 'pix', payer: { email: 'ana@example.com' } } }),
    );
    expect(payment).toMatchObject({
      status: 'pending',
      method: 'pix',
      pix: { qr_code: expect.any(String), ticket_url: expect.any(String), expires_at: expect.any(String) },
    });
    const types = (await json(await call(server, keys.test, `/v1/events?payment_id=${payment.id}`))).data.map(
      (e: { type: string }) => e.type,
    );
    expect(types.reverse()).toEqual(['payment.created', 'payment.pending']);
  });

  it('refuses what cannot be paid, writing nothing', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const missingToken = await call(server, keys.test, '/v1/payments', {
      body: { order_id: order.id, method: 'card', payment_method_id: 'master', payer: { email: 'a@b.co' } },
    });
    expect((await json(missingToken)).error).toMatchObject({ type: 'invalid_request_error', param: 'token' });

    const liveOrder = await json(await call(server, keys.live, '/v1/orders', { body: SAMPLE_ORDER }));
    const live = await call(server, keys.live, '/v1/payments', {
      body: { order_id: liveOrder.id, method: 'pix', payer: { email: 'a@b.co' } },
    });
    expect(live.status).toBe(409);
    expect((await json(live)).error).toMatchObject({ type: 'invalid_state_error', code: 'provider_not_configured' });

    await call(server, keys.test, `/v1/orders/${order.id}/cancel`, { method: 'POST' });
    const cancelled = await payByCard(server, keys.test, order.id, 'APRO');
    expect(cancelled.status).toBe(409);
    expect((await json(cancelled)).error.code).toBe('order_not_payable');
    expect((await json(await call(server, keys.test, '/v1/payments'))).data).toEqual([]);
    expect((await json(await call(server, keys.live, '/v1/payments'))).data).toEqual([]);
  });
});

describe('sync and cancel', () => {
  async function pixPayment(server: TestServer, key: string) {
    const order = await json(await call(server, key, '/v1/orders', { body: SAMPLE_ORDER }));
    return json(
      await call(server, key, '/v1/payments', { body: { order_id: order.id, method: 'pix', payer: { email: 'ana@example.com' } } }),
    );
  }

  it('sync re-reads the payment: a Pix paid at the bank becomes approved and the order paid', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const payment = await pixPayment(server, keys.test);
    await server.request(`/sandbox/mercadopago/__control/payments/${payment.provider_payment_id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'approved' }),
    });
    const synced = await call(server, keys.test, `/v1/payments/${payment.id}/sync`, { method: 'POST' });
    expect(synced.status).toBe(200);
    expect((await json(synced)).status).toBe('approved');
    expect((await json(await call(server, keys.test, `/v1/orders/${payment.order_id}`))).status).toBe('paid');
    // A second sync reads the same state: nothing changes, no new events.
    const before = (await json(await call(server, keys.test, `/v1/events?payment_id=${payment.id}`))).data.length;
    await call(server, keys.test, `/v1/payments/${payment.id}/sync`, { method: 'POST' });
    expect((await json(await call(server, keys.test, `/v1/events?payment_id=${payment.id}`))).data.length).toBe(before);
  });

  it('cancels a pending payment, and refuses to cancel an approved one', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const payment = await pixPayment(server, keys.test);
    const cancelled = await call(server, keys.test, `/v1/payments/${payment.id}/cancel`, { method: 'POST' });
    expect(await json(cancelled)).toMatchObject({ status: 'cancelled', provider_status: 'cancelled' });

    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const approved = await json(await payByCard(server, keys.test, order.id, 'APRO'));
    const refused = await call(server, keys.test, `/v1/payments/${approved.id}/cancel`, { method: 'POST' });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error).toMatchObject({ type: 'invalid_state_error', code: 'payment_not_cancellable' });
  });
});

describe('POST /v1/payments/:id/refunds', () => {
  it('refunds in part twice, then the rest; the payment and the order follow; never more than was paid', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const payment = await json(await payByCard(server, keys.test, order.id, 'APRO'));
    const refund = (body: object) => call(server, keys.test, `/v1/payments/${payment.id}/refunds`, { body });

    const first = await refund({ amount: 1500, reason: 'frete devolvido' });
    expect(first.status).toBe(201);
    expect(await json(first)).toMatchObject({
      object: 'refund',
      payment_id: payment.id,
      amount: 1500,
      status: 'succeeded',
      reason: 'frete devolvido',
      provider_refund_id: expect.any(String),
    });
    expect(await json(await call(server, keys.test, `/v1/payments/${payment.id}`))).toMatchObject({
      status: 'partially_refunded',
      amount_refunded: 1500,
    });
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({
      status: 'partially_refunded',
      amount_refunded: 1500,
    });

    expect((await refund({ amount: 2000 })).status).toBe(201);
    expect((await json(await call(server, keys.test, `/v1/orders/${order.id}`))).amount_refunded).toBe(3500);

    const tooMuch = await refund({ amount: 8000 });
    expect(tooMuch.status).toBe(400);
    expect((await json(tooMuch)).error).toMatchObject({ code: 'refund_exceeds_remaining', param: 'amount' });

    const rest = await json(await refund({}));
    expect(rest.amount).toBe(11480 - 3500);
    expect(await json(await call(server, keys.test, `/v1/payments/${payment.id}`))).toMatchObject({
      status: 'refunded',
      amount_refunded: 11480,
    });
    expect((await json(await call(server, keys.test, `/v1/orders/${order.id}`))).status).toBe('refunded');
    expect((await refund({})).status).toBe(409);

    const types = (await json(await call(server, keys.test, `/v1/events?payment_id=${payment.id}&limit=100`))).data
      .map((e: { type: string }) => e.type)
      .reverse();
    expect(types.filter((t: string) => t.startsWith('refund.'))).toEqual([
      'refund.created',
      'refund.succeeded',
      'refund.created',
      'refund.succeeded',
      'refund.created',
      'refund.succeeded',
    ]);
    expect(types.filter((t: string) => t.startsWith('payment.'))).toEqual([
      'payment.created',
      'payment.approved',
      'payment.partially_refunded',
      'payment.partially_refunded',
      'payment.refunded',
    ]);
  });

  it('refuses to refund a payment that was not approved', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const rejected = await json(await payByCard(server, keys.test, order.id, 'OTHE'));
    const response = await call(server, keys.test, `/v1/payments/${rejected.id}/refunds`, { body: {} });
    expect(response.status).toBe(409);
    expect((await json(response)).error).toMatchObject({ type: 'invalid_state_error', code: 'payment_not_refundable' });
  });
});
