import { describe, expect, it } from 'vitest';
import { call, createTenant, eventTypes, SAMPLE_ORDER, withoutMessages, type Tenant } from '../../helpers/api.js';
import { payByCard, postPaymentNotification, settled, simControl, waitFor } from '../../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

const SECRET = 'mp-webhook-secret-for-tests';

async function setup(options: { secret?: boolean } = {}) {
  const server = await startTestServer();
  const tenant = await createTenant(server);
  if (options.secret) {
    await server.instance.stores.update(tenant.storeId, { credentials: { 'mercadopago.webhook_secret': SECRET } });
    await simControl(server, '/config', { webhook_secret: SECRET });
  }
  return { server, tenant };
}

async function newOrder(server: TestServer, tenant: Tenant) {
  return json(await call(server, tenant.keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
}

/** A card payment that MP accepted (201), as JSON. */
async function paid201(server: TestServer, tenant: Tenant, orderId: string, cardholder: string) {
  const response = await payByCard(server, tenant.keys.test, orderId, cardholder);
  expect(response.status).toBe(201);
  return json(response);
}

const PAID_BY_NOTIFICATION = ['order.created', 'payment.created', 'payment.in_process', 'payment.approved', 'order.paid'];

async function payment(server: TestServer, tenant: Tenant, id: string) {
  return json(await call(server, tenant.keys.test, `/v1/payments/${id}`));
}

async function paymentEvents(server: TestServer, tenant: Tenant, query: string): Promise<string[]> {
  return withoutMessages(await eventTypes(server, tenant.keys.test, query));
}

async function transitions(server: TestServer, paymentId: string) {
  return server.instance.orm.em
    .fork()
    .getConnection()
    .execute<
      { from: string; to: string; applied: number | boolean; cause: string; cause_id: string | null }[]
    >('select "from", "to", applied, cause, cause_id from payment_transitions where payment_id = ? order by id', [paymentId]);
}

async function count(server: TestServer, table: string): Promise<number> {
  const [row] = await server.instance.orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*) as n from ${table}`);
  return Number(row!.n);
}

async function notificationJobs(server: TestServer): Promise<number> {
  const [row] = await server.instance.orm.em
    .fork()
    .getConnection()
    .execute<{ n: number }[]>("select count(*) as n from jobs where type = 'mercadopago.notification'");
  return Number(row!.n);
}

describe('Mercado Pago notifications: /hooks/mercadopago/:storeId', () => {
  it('CONT: in process, then approved by the notification MP sends when it changes; the order is paid', async () => {
    const { server, tenant } = await setup({ secret: true });
    const order = await newOrder(server, tenant);
    const paid = await paid201(server, tenant, order.id, 'CONT');
    expect(paid.status).toBe('in_process');
    await simControl(server, `/payments/${paid.provider_payment_id}/status`, { status: 'approved' });
    const approved = await waitFor(async () => {
      const current = await payment(server, tenant, paid.id);
      return current.status === 'approved' && current;
    });
    expect(approved).toMatchObject({ provider_status: 'approved', provider_status_detail: 'accredited' });
    expect((await json(await call(server, tenant.keys.test, `/v1/orders/${order.id}`))).status).toBe('paid');
    const applied = (await transitions(server, paid.id)).filter((t) => t.to === 'approved' && Boolean(t.applied));
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ from: 'in_process', cause: 'notification', cause_id: expect.stringMatching(/^ntf_/) });
    expect(await paymentEvents(server, tenant, `order_id=${order.id}`)).toEqual(PAID_BY_NOTIFICATION);
  });

  it('Pix: pending, then approved when the buyer pays (legacy IPN works too)', async () => {
    const { server, tenant } = await setup();
    const order = await newOrder(server, tenant);
    const pix = await json(
      await call(server, tenant.keys.test, '/v1/payments', {
        body: { order_id: order.id, method: 'pix', payer: { email: 'ana@example.com' } },
      }),
    );
    expect(pix.status).toBe('pending');
    // The simulator's own notification is dropped: the IPN we post is all there is.
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 1 });
    await simControl(server, `/payments/${pix.provider_payment_id}/status`, { status: 'approved' });
    const ipn = await server.request(`/hooks/mercadopago/${tenant.storeId}?topic=payment&id=${pix.provider_payment_id}`, {
      method: 'POST',
    });
    expect(ipn.status).toBe(200);
    await waitFor(async () => (await payment(server, tenant, pix.id)).status === 'approved');
    expect((await json(await call(server, tenant.keys.test, `/v1/orders/${order.id}`))).status).toBe('paid');
  });

  it('ten concurrent copies of a notification: all acknowledged, stored, one job, one transition', async () => {
    const { server, tenant } = await setup({ secret: true });
    const order = await newOrder(server, tenant);
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 2 });
    const paid = await paid201(server, tenant, order.id, 'CONT');
    await simControl(server, `/payments/${paid.provider_payment_id}/status`, { status: 'approved' });
    const before = await count(server, 'provider_notifications');
    const dateCreated = new Date().toISOString();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        postPaymentNotification(server, tenant.storeId, paid.provider_payment_id, { secret: SECRET, notificationId: 777, dateCreated }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await count(server, 'provider_notifications')).toBe(before + 10);
    expect(await notificationJobs(server)).toBe(1);
    await waitFor(async () => (await payment(server, tenant, paid.id)).status === 'approved');
    await settled(server);
    expect((await transitions(server, paid.id)).filter((t) => t.to === 'approved')).toHaveLength(1);
    expect((await paymentEvents(server, tenant, `payment_id=${paid.id}`)).filter((t) => t === 'payment.approved')).toHaveLength(1);
  });

  it('ten distinct notifications racing for one change: one transition, coalesced reads, every one settled', async () => {
    const { server, tenant } = await setup();
    const order = await newOrder(server, tenant);
    const paid = await paid201(server, tenant, order.id, 'CONT');
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 1 });
    await simControl(server, `/payments/${paid.provider_payment_id}/status`, { status: 'approved' });
    // Distinct stamps too: MP's date_created is what tells two notifications apart, and ten
    // posted at once can share a millisecond (then they are one notification, twice).
    const start = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postPaymentNotification(server, tenant.storeId, paid.provider_payment_id, { dateCreated: new Date(start + i).toISOString() }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    await waitFor(async () => (await payment(server, tenant, paid.id)).status === 'approved');
    await settled(server);
    expect((await transitions(server, paid.id)).filter((t) => t.to === 'approved' && Boolean(t.applied))).toHaveLength(1);
    expect(await paymentEvents(server, tenant, `order_id=${order.id}`)).toEqual(PAID_BY_NOTIFICATION);
    // Notifications that arrive while a read of the payment is still queued ride on it: the
    // ten arrive in at most two transactions (the first one alone, then the rest), so at most
    // two jobs, plus the one for the creation notification.
    expect(await notificationJobs(server)).toBeLessThanOrEqual(3);
    const statuses = await server.instance.orm.em
      .fork()
      .getConnection()
      .execute<
        { status: string; outcome: string }[]
      >('select status, outcome from provider_notifications where resource_id = ?', [paid.provider_payment_id]);
    expect(statuses.every((row) => row.status === 'processed')).toBe(true);
    expect(statuses.filter((row) => row.outcome === `payment ${paid.id} is approved`).length).toBeGreaterThanOrEqual(10);
  });

  it('out of order (approved delivered before pending): the payment stays approved', async () => {
    const { server, tenant } = await setup({ secret: true });
    const order = await newOrder(server, tenant);
    const paid = await paid201(server, tenant, order.id, 'CONT');
    await settled(server);
    await simControl(server, '/notifications/chaos', { mode: 'reorder', count: 1 });
    await simControl(server, `/payments/${paid.provider_payment_id}/status`, { status: 'pending' });
    await simControl(server, `/payments/${paid.provider_payment_id}/status`, { status: 'approved' });
    await waitFor(async () => {
      const sent = await json(await server.request('/sandbox/mercadopago/__control/notifications?settled=true'));
      return sent.every((n: { status: string }) => n.status === 'delivered');
    });
    await settled(server);
    expect((await payment(server, tenant, paid.id)).status).toBe('approved');
    const applied = (await transitions(server, paid.id)).filter((t) => Boolean(t.applied)).map((t) => t.to);
    expect(applied).toEqual(['in_process', 'approved']);
  });

  it('a notification that arrives before MP can show the payment is retried until it can', async () => {
    const { server, tenant } = await setup();
    const order = await newOrder(server, tenant);
    const paid = await paid201(server, tenant, order.id, 'CONT');
    await settled(server);
    await simControl(server, '/failures', { method: 'GET', path: `/v1/payments/${paid.provider_payment_id}`, mode: '404', count: 2 });
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 1 });
    await simControl(server, `/payments/${paid.provider_payment_id}/status`, { status: 'approved' });
    expect((await postPaymentNotification(server, tenant.storeId, paid.provider_payment_id)).status).toBe(200);
    await waitFor(async () => (await payment(server, tenant, paid.id)).status === 'approved', 15_000);
    await settled(server);
    const [job] = await server.instance.jobAdmin.list({ type: 'mercadopago.notification', limit: 10 });
    expect(job).toMatchObject({ status: 'succeeded', attempts: 3 });
  });

  it('refuses forged, missing and expired signatures with 401 and stores nothing', async () => {
    const { server, tenant } = await setup({ secret: true });
    const before = { notifications: await count(server, 'provider_notifications'), jobs: await notificationJobs(server) };
    const forged = await postPaymentNotification(server, tenant.storeId, '123456', { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect((await json(forged)).error).toMatchObject({ type: 'authentication_error', code: 'signature_invalid' });
    const missing = await postPaymentNotification(server, tenant.storeId, '123456');
    expect((await json(missing)).error.code).toBe('signature_missing');
    const stale = await postPaymentNotification(server, tenant.storeId, '123456', {
      secret: SECRET,
      ts: String(Date.now() - 2 * 3600_000),
    });
    expect((await json(stale)).error.code).toBe('signature_expired');
    expect(await count(server, 'provider_notifications')).toBe(before.notifications);
    expect(await notificationJobs(server)).toBe(before.jobs);
    expect(server.logs.join('\n')).toContain('mercadopago notification refused');
  });

  it('accepts the documented signature variations: ts in seconds, and a lower-cased data.id', async () => {
    const { server, tenant } = await setup({ secret: true });
    const seconds = await postPaymentNotification(server, tenant.storeId, '987654', {
      secret: SECRET,
      ts: String(Math.floor(Date.now() / 1000)),
    });
    expect(seconds.status).toBe(200);
    expect(await json(seconds)).toMatchObject({ received: true, id: expect.stringMatching(/^ntf_/) });
    // The id signed lower-case while the query keeps its case (reference §7).
    const { createHmac } = await import('node:crypto');
    const ts = String(Date.now());
    const v1 = createHmac('sha256', SECRET).update(`id:ord01abc;request-id:r-1;ts:${ts};`).digest('hex');
    const mixed = await server.request(`/hooks/mercadopago/${tenant.storeId}?data.id=ORD01ABC&type=payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'r-1', 'x-signature': `ts=${ts},v1=${v1}` },
      body: JSON.stringify({ type: 'payment', action: 'payment.updated', data: { id: 'ORD01ABC' } }),
    });
    expect(mixed.status).toBe(200);
  });

  it('unknown store: 404; topics we do not act on are stored and acknowledged without a job', async () => {
    const { server, tenant } = await setup();
    expect((await postPaymentNotification(server, 'sto_nope', '1')).status).toBe(404);
    const jobs = await notificationJobs(server);
    const merchantOrder = await server.request(`/hooks/mercadopago/${tenant.storeId}?topic=merchant_order&id=555`, { method: 'POST' });
    expect(merchantOrder.status).toBe(200);
    expect(await notificationJobs(server)).toBe(jobs);
    const [row] = await server.instance.orm.em
      .fork()
      .getConnection()
      .execute<{ status: string; format: string }[]>("select status, format from provider_notifications where topic = 'merchant_order'");
    expect(row).toMatchObject({ status: 'ignored', format: 'ipn' });
    const garbage = await server.request(`/hooks/mercadopago/${tenant.storeId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":"world"}',
    });
    expect(garbage.status).toBe(400);
  });
});
