import { describe, expect, it } from 'vitest';
import { cardPayment, startSim } from './harness.js';

describe('Mercado Pago simulator: refunds', () => {
  it('partial twice, then the rest in full', async () => {
    const sim = await startSim();
    const payment = (await sim.pay({ transaction_amount: 100 })).body;
    const refund = (amount?: number) =>
      sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: amount === undefined ? {} : { amount } });

    const first = await refund(30.1);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: expect.any(Number),
      payment_id: payment.id,
      amount: 30.1,
      status: 'approved',
      source: { type: 'collector' },
      date_created: expect.any(String),
      unique_sequence_number: null,
      refund_mode: 'standard',
      metadata: {},
    });
    expect((await sim.call('GET', `/v1/payments/${payment.id}`)).body).toMatchObject({
      status: 'approved',
      status_detail: 'partially_refunded',
      transaction_amount_refunded: 30.1,
    });
    await refund(19.9);
    const rest = await refund();
    expect(rest.body.amount).toBe(50);
    const after = (await sim.call('GET', `/v1/payments/${payment.id}`)).body;
    expect(after).toMatchObject({ status: 'refunded', status_detail: 'refunded', transaction_amount_refunded: 100 });
    expect(after.refunds.map((r: { amount: number }) => r.amount)).toEqual([30.1, 19.9, 50]);
    const list = await sim.call('GET', `/v1/payments/${payment.id}/refunds`);
    expect(list.body.map((r: { id: number }) => r.id)).toEqual(after.refunds.map((r: { id: number }) => r.id));
    expect((await sim.call('GET', `/v1/payments/${payment.id}/refunds/${rest.body.id}`)).body).toEqual(rest.body);
  });

  it('refuses more than what is left, and anything once fully refunded', async () => {
    const sim = await startSim();
    const payment = (await sim.pay({ transaction_amount: 100 })).body;
    await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: { amount: 60 } });
    const over = await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: { amount: 40.01 } });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ error: 'bad_request', status: 400, cause: [{ code: expect.anything() }] });
    await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: {} });
    const again = await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: {} });
    expect(again.status).toBe(400);
    expect(again.body.cause[0].code).toBe(3005);
  });

  it('refuses refunding a payment that is not approved', async () => {
    const sim = await startSim();
    for (const name of ['OTHE', 'CONT']) {
      const payment = (await sim.call('POST', '/v1/payments', { key: true, body: cardPayment(await sim.cardToken(name)) })).body;
      const reply = await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: {} });
      expect(reply.status).toBe(400);
      expect(reply.body.cause[0].code).toBe(3005);
    }
  });

  it('needs a key, replays a reused one, and 404s an unknown payment', async () => {
    const sim = await startSim();
    const payment = (await sim.pay({ transaction_amount: 100 })).body;
    const missing = await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { body: {} });
    expect(missing.body.cause[0].code).toBe(4292);
    const first = await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: 'r1', body: { amount: 10 } });
    const replay = await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: 'r1', body: { amount: 10 } });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect((await sim.call('GET', `/v1/payments/${payment.id}`)).body.transaction_amount_refunded).toBe(10);
    expect((await sim.call('POST', '/v1/payments/42/refunds', { key: true, body: {} })).body.cause[0].code).toBe(2000);
  });

  it('CLP refunds are integers', async () => {
    const sim = await startSim();
    await sim.control('POST', '/config', { site_currency: 'CLP' });
    const payment = (await sim.pay({ transaction_amount: 5000 })).body;
    const reply = await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: { amount: 10.5 } });
    expect(reply.status).toBe(400);
    expect((await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: { amount: 1000 } })).body.amount).toBe(1000);
  });
});
