import { describe, expect, it } from 'vitest';
import { call, createTenant, eventTypes, SAMPLE_ORDER, withoutMessages } from '../../helpers/api.js';
import { dbDate } from '../../../src/db/orm.js';
import { ABANDON_AFTER_MS } from '../../../src/modules/payments/payment.service.js';
import { payByCard } from '../../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

/**
 * Mercado Pago failing under a direct payment (POST /v1/payments), end to end: the real server
 * calls its built-in simulator over loopback, and the simulator's control API breaks the calls.
 */

const CONTROL = '/sandbox/mercadopago/__control';
const ORDER_TOTAL = 11480; // SAMPLE_ORDER: 2 × 4990 + 1500 shipping

interface SimPayment {
  id: number;
  status: string;
  status_detail: string;
  external_reference: string | null;
}

function control(server: TestServer, path: string, method: string, body?: unknown): Promise<Response> {
  return server.request(`${CONTROL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function injectFailure(
  server: TestServer,
  rule: { method: string; path: string; mode: '500' | '429' | 'hang'; count: number; hang_ms?: number; after_hang?: 'process' | 'abort' },
): Promise<void> {
  const response = await control(server, '/failures', 'POST', rule);
  expect(response.status).toBe(200);
}

/** Makes a payment look `ms` older than it is, as if that much time had passed since its create. */
async function age(server: TestServer, paymentId: string, ms: number): Promise<void> {
  const em = server.instance.orm.em.fork();
  await em.execute('update payments set created_at = ? where id = ?', [dbDate(em, new Date(Date.now() - ms)), paymentId]);
}

async function clearFailures(server: TestServer): Promise<void> {
  expect((await control(server, '/failures', 'DELETE')).status).toBe(204);
}

async function createOrder(server: TestServer, key: string) {
  const response = await call(server, key, '/v1/orders', { body: SAMPLE_ORDER });
  expect(response.status).toBe(201);
  const order = await json(response);
  expect(order.amount_total).toBe(ORDER_TOTAL);
  return order;
}

/** The simulator's payments carrying this external_reference (our payment id). */
async function simulatorPaymentsFor(server: TestServer, externalReference: string): Promise<SimPayment[]> {
  const response = await control(server, '/payments', 'GET');
  expect(response.status).toBe(200);
  return ((await json(response)) as SimPayment[]).filter((p) => p.external_reference === externalReference);
}

/**
 * Polls (bounded) until the simulator holds a payment for this reference: a hung request is
 * processed only once its hang is over, well after our client gave up on it.
 */
async function waitForSimulatorPayment(server: TestServer, externalReference: string, withinMs = 10_000): Promise<SimPayment> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const [found] = await simulatorPaymentsFor(server, externalReference);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the simulator never created a payment for ${externalReference}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function paymentsOf(server: TestServer, key: string, orderId: string) {
  return (await json(await call(server, key, `/v1/payments?order_id=${orderId}`))).data;
}

/** Oldest first, the payment's story only. */
async function paymentEvents(server: TestServer, key: string, filter: string): Promise<string[]> {
  return withoutMessages(await eventTypes(server, key, filter));
}

describe('Mercado Pago 5xx on POST /v1/payments', () => {
  it('MP answers 500 once, then succeeds: the retry (same idempotency key) approves, and MP holds exactly one payment', async () => {
    const server = await startTestServer();
    const { keys, storeId } = await createTenant(server);
    const order = await createOrder(server, keys.test);
    await injectFailure(server, { method: 'POST', path: '/v1/payments', mode: '500', count: 1 });

    const response = await payByCard(server, keys.test, order.id, 'APRO');
    expect(response.status).toBe(201);
    const payment = await json(response);
    expect(payment).toMatchObject({ order_id: order.id, status: 'approved', amount: ORDER_TOTAL, provider_status: 'approved' });

    // The injected 500 was used up by the first attempt, the retry went through: one charge, not two.
    const held = await simulatorPaymentsFor(server, payment.id);
    expect(held).toHaveLength(1);
    expect(String(held[0]!.id)).toBe(payment.provider_payment_id);
    expect(held[0]!.status).toBe('approved');
    // MP remembers the create under our payment id as X-Idempotency-Key: the same key again
    // replays the payment instead of charging anew (the sandbox token is the registry's).
    const replayed = await server.request('/sandbox/mercadopago/v1/payments', {
      method: 'POST',
      headers: {
        authorization: `Bearer TEST-sandbox-${storeId}`,
        'content-type': 'application/json',
        'x-idempotency-key': payment.id,
      },
      body: '{}',
    });
    expect(replayed.status).toBe(201);
    expect((await json(replayed)).id).toBe(held[0]!.id);
    expect(await simulatorPaymentsFor(server, payment.id)).toHaveLength(1);

    expect(await paymentsOf(server, keys.test, order.id)).toHaveLength(1);
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'paid', amount_paid: ORDER_TOTAL });
    expect(await paymentEvents(server, keys.test, `payment_id=${payment.id}`)).toEqual(['payment.created', 'payment.approved']);
  });

  it('MP 500 on every attempt: 502 provider_error, the payment stays pending and the order unpaid', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await createOrder(server, keys.test);
    // The adapter makes 1 + 2 attempts; more failures than that means every attempt fails.
    await injectFailure(server, { method: 'POST', path: '/v1/payments', mode: '500', count: 10 });

    const response = await payByCard(server, keys.test, order.id, 'APRO');
    expect(response.status).toBe(502);
    const body = await json(response);
    expect(body).toEqual({
      error: {
        type: 'provider_error',
        code: 'mp_http_500',
        message: expect.stringContaining('Mercado Pago answered 500'),
        request_id: expect.any(String),
      },
    });
    expect(response.headers.get('x-request-id')).toBe(body.error.request_id);
    await clearFailures(server);

    const payments = await paymentsOf(server, keys.test, order.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: 'pending', provider_payment_id: null, amount: ORDER_TOTAL });
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'pending', amount_paid: 0 });
    expect(await simulatorPaymentsFor(server, payments[0].id)).toEqual([]);
    expect(await paymentEvents(server, keys.test, `payment_id=${payments[0].id}`)).toEqual(['payment.created']);
  });
});

describe('Mercado Pago times out during create', () => {
  const TIMEOUT_ENV = { BAAS_MERCADOPAGO_TIMEOUT_MS: '500' };

  it('MP processed it after all: 504 provider_timeout, pending; sync then finds it approved and the order paid', async () => {
    const server = await startTestServer({ env: TIMEOUT_ENV });
    const { keys } = await createTenant(server);
    const order = await createOrder(server, keys.test);
    // A timeout is never retried by the adapter (client.ts: the outcome is unknown), so one hang
    // covers every attempt; a second attempt would be answered at once and this test would fail.
    await injectFailure(server, { method: 'POST', path: '/v1/payments', mode: 'hang', count: 1, hang_ms: 1500, after_hang: 'process' });

    const started = Date.now();
    const response = await payByCard(server, keys.test, order.id, 'APRO');
    expect(Date.now() - started).toBeLessThan(1500); // we gave up at our 500 ms, not at MP's leisure
    expect(response.status).toBe(504);
    expect((await json(response)).error).toMatchObject({ type: 'provider_error', code: 'provider_timeout' });

    const [pending] = await paymentsOf(server, keys.test, order.id);
    expect(pending).toMatchObject({ status: 'pending', provider_payment_id: null });
    expect((await json(await call(server, keys.test, `/v1/orders/${order.id}`))).status).toBe('pending');

    // MP finishes the request nobody is listening to any more: the dangerous real case.
    const charged = await waitForSimulatorPayment(server, pending.id);
    expect(charged.status).toBe('approved');

    const synced = await call(server, keys.test, `/v1/payments/${pending.id}/sync`, { method: 'POST' });
    expect(synced.status).toBe(200);
    expect(await json(synced)).toMatchObject({
      id: pending.id,
      status: 'approved',
      provider_payment_id: String(charged.id),
      provider_status_detail: 'accredited',
    });
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'paid', amount_paid: ORDER_TOTAL });
    expect(await simulatorPaymentsFor(server, pending.id)).toHaveLength(1);
    expect(await paymentsOf(server, keys.test, order.id)).toHaveLength(1);
    expect(await paymentEvents(server, keys.test, `order_id=${order.id}`)).toEqual([
      'order.created',
      'payment.created',
      'payment.approved',
      'order.paid',
    ]);
  });

  it('MP never got it (connection cut): sync cancels the payment and the order can still be paid', async () => {
    const server = await startTestServer({ env: TIMEOUT_ENV });
    const { keys } = await createTenant(server);
    const order = await createOrder(server, keys.test);
    await injectFailure(server, { method: 'POST', path: '/v1/payments', mode: 'hang', count: 1, hang_ms: 1500, after_hang: 'abort' });

    const response = await payByCard(server, keys.test, order.id, 'APRO');
    expect(response.status).toBe(504);
    expect((await json(response)).error).toMatchObject({ type: 'provider_error', code: 'provider_timeout' });
    const [lost] = await paymentsOf(server, keys.test, order.id);
    expect(lost).toMatchObject({ status: 'pending', provider_payment_id: null });

    // With after_hang 'abort' the simulator drops the request whenever its hang ends: it never
    // creates the payment, so the search by external_reference finds nothing now or later.
    // Right after the timeout nobody can tell that yet: the payment stays pending.
    const early = await call(server, keys.test, `/v1/payments/${lost.id}/sync`, { method: 'POST' });
    expect(await json(early)).toMatchObject({ id: lost.id, status: 'pending' });
    await age(server, lost.id, ABANDON_AFTER_MS + 1000);
    const synced = await call(server, keys.test, `/v1/payments/${lost.id}/sync`, { method: 'POST' });
    expect(synced.status).toBe(200);
    expect(await json(synced)).toMatchObject({
      id: lost.id,
      status: 'cancelled',
      provider_payment_id: null,
      provider_status: 'not_found',
      provider_status_detail: 'never_received',
    });
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'pending', amount_paid: 0 });
    expect(await simulatorPaymentsFor(server, lost.id)).toEqual([]);

    const retry = await payByCard(server, keys.test, order.id, 'APRO');
    expect(retry.status).toBe(201);
    const paid = await json(retry);
    expect(paid).toMatchObject({ status: 'approved', amount: ORDER_TOTAL });
    expect(paid.id).not.toBe(lost.id);
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'paid', amount_paid: ORDER_TOTAL });
    const statuses = (await paymentsOf(server, keys.test, order.id)).map((p: { id: string; status: string }) => [p.id, p.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        [lost.id, 'cancelled'],
        [paid.id, 'approved'],
      ]),
    );
    expect(statuses).toHaveLength(2);
  });
});

describe('a create that MP finishes late', () => {
  it('is not cancelled while MP may still be processing it, and is approved when MP shows it', async () => {
    const server = await startTestServer({ env: { BAAS_MERCADOPAGO_TIMEOUT_MS: '500' } });
    const { keys } = await createTenant(server);
    const order = await createOrder(server, keys.test);
    await injectFailure(server, { method: 'POST', path: '/v1/payments', mode: 'hang', count: 1, hang_ms: 3000, after_hang: 'process' });
    expect((await payByCard(server, keys.test, order.id, 'APRO')).status).toBe(504);
    const [pending] = await paymentsOf(server, keys.test, order.id);
    // Synced ~0.5 s after the 504 while MP is still working on the create (it finishes at 3 s).
    const early = await json(await call(server, keys.test, `/v1/payments/${pending.id}/sync`, { method: 'POST' }));
    expect(early.status).toBe('pending');
    const charged = await waitForSimulatorPayment(server, pending.id);
    expect(charged.status).toBe('approved');
    const late = await json(await call(server, keys.test, `/v1/payments/${pending.id}/sync`, { method: 'POST' }));
    expect(late.status).toBe('approved');
    expect((await json(await call(server, keys.test, `/v1/orders/${order.id}`))).status).toBe('paid');
  });

  it('given up as never received, it is still approved if MP shows it after all (no charge is left unrecorded)', async () => {
    const server = await startTestServer({ env: { BAAS_MERCADOPAGO_TIMEOUT_MS: '500' } });
    const { keys } = await createTenant(server);
    const order = await createOrder(server, keys.test);
    await injectFailure(server, { method: 'POST', path: '/v1/payments', mode: 'hang', count: 1, hang_ms: 2500, after_hang: 'process' });
    expect((await payByCard(server, keys.test, order.id, 'APRO')).status).toBe(504);
    const [pending] = await paymentsOf(server, keys.test, order.id);
    await age(server, pending.id, ABANDON_AFTER_MS + 1000);
    const abandoned = await json(await call(server, keys.test, `/v1/payments/${pending.id}/sync`, { method: 'POST' }));
    expect(abandoned).toMatchObject({ status: 'cancelled', provider_status: 'not_found' });
    await waitForSimulatorPayment(server, pending.id);
    const late = await json(await call(server, keys.test, `/v1/payments/${pending.id}/sync`, { method: 'POST' }));
    expect(late).toMatchObject({ status: 'approved', provider_status: 'approved' });
    expect((await json(await call(server, keys.test, `/v1/orders/${order.id}`))).status).toBe('paid');
  });
});

describe('concurrent updates of the same payment', () => {
  it('10 concurrent syncs of a Pix paid at the bank lose nothing and announce it once', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    // MP's notifications (the create's and the approval's) are dropped, so the ten syncs below
    // are the only reads that can apply the approval, and they race each other for it.
    const chaos = await control(server, '/notifications/chaos', 'POST', { mode: 'drop', count: 10 });
    expect(chaos.status).toBe(200);
    const order = await createOrder(server, keys.test);
    const created = await call(server, keys.test, '/v1/payments', {
      body: { order_id: order.id, method: 'pix', payer: { email: 'ana@example.com' } },
    });
    expect(created.status).toBe(201);
    const payment = await json(created);
    expect(payment.status).toBe('pending');

    const forced = await control(server, `/payments/${payment.provider_payment_id}/status`, 'POST', {
      status: 'approved',
      status_detail: 'accredited',
    });
    expect(forced.status).toBe(200);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => call(server, keys.test, `/v1/payments/${payment.id}/sync`, { method: 'POST' })),
    );
    const bodies = await Promise.all(responses.map((r) => json(r)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const body of bodies) expect(body).toMatchObject({ id: payment.id, status: 'approved' });

    const notifications = await json(await control(server, '/notifications?settled=true', 'GET'));
    expect(notifications.every((n: { status: string }) => n.status === 'dropped')).toBe(true);

    const ofPayment = await paymentEvents(server, keys.test, `payment_id=${payment.id}`);
    expect(ofPayment.filter((t) => t === 'payment.approved')).toHaveLength(1);
    const orderEvents = await paymentEvents(server, keys.test, `order_id=${order.id}`);
    expect(orderEvents.filter((t) => t === 'order.paid')).toHaveLength(1);
    expect(orderEvents).toEqual(['order.created', 'payment.created', 'payment.pending', 'payment.approved', 'order.paid']);

    expect(await json(await call(server, keys.test, `/v1/payments/${payment.id}`))).toMatchObject({ status: 'approved' });
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({
      status: 'paid',
      amount_paid: ORDER_TOTAL,
      amount_total: ORDER_TOTAL,
    });
  });
});
