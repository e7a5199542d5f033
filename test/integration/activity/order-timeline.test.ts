import { describe, expect, it } from 'vitest';
import { dbDate } from '../../../src/db/orm.js';
import { ActivitySchema } from '../../../src/modules/activity/activity.entity.js';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { cardToken, postPaymentNotification, settled, waitFor } from '../../helpers/mercadopago.js';
import { startReceiver } from '../../helpers/receiver.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

/** Retries wait for their backoff; here the test says when it has passed. */
async function runDueNow(server: TestServer) {
  const em = server.instance.orm.em.fork();
  await em.execute(`update jobs set run_at = ? where status = 'queued'`, [dbDate(em, new Date())]);
  server.runner.wake();
}

/** Index of the first entry from `from` on that matches; -1 when none does. */
function find(entries: { kind: string; summary: string; outcome: string | null }[], from: number, kind: string, summary: RegExp): number {
  return entries.findIndex((entry, index) => index >= from && entry.kind === kind && summary.test(entry.summary));
}

/**
 * A whole sandbox story: order → card payment → a notification delivered twice → refund →
 * a webhook that fails then succeeds → the e-mail. The timeline tells every step, in order.
 */
async function story() {
  const server = await startTestServer({ env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const tenant = await createTenant(server);
  const receiver = await startReceiver();
  let failures = 1;
  receiver.behave((_request, response) => response.writeHead(failures-- > 0 ? 500 : 200).end('ok'));
  await call(server, tenant.keys.test, '/v1/webhook_endpoints', { body: { url: receiver.url, enabled_events: ['order.paid'] } });
  const token = await cardToken(server, 'APRO');
  const order = await json(await call(server, tenant.keys.test, '/v1/orders', { body: { ...SAMPLE_ORDER, notify: { email: true } } }));
  const payment = await json(
    await call(server, tenant.keys.test, '/v1/payments', {
      body: {
        order_id: order.id,
        method: 'card',
        token,
        payment_method_id: 'master',
        installments: 1,
        payer: { email: 'ana@example.com' },
      },
    }),
  );
  await settled(server);
  for (let i = 0; i < 2; i++)
    await postPaymentNotification(server, tenant.storeId, payment.provider_payment_id, {
      notificationId: 77,
      dateCreated: '2026-12-01T10:00:00.000Z',
    });
  await settled(server);
  await call(server, tenant.keys.test, `/v1/payments/${payment.id}/refunds`, { body: { amount: 1500 } });
  await receiver.waitFor(1);
  await runDueNow(server);
  await receiver.waitFor(2);
  await settled(server);
  await server.instance.activity.flush();
  return { server, tenant, order, payment, token };
}

describe('an order’s timeline', () => {
  it('tells the whole story in order, with causes and durations, and marks the duplicate notification', async () => {
    const { server, tenant, order, payment } = await story();
    const timeline = await json(await call(server, tenant.keys.test, `/v1/orders/${order.id}/timeline`));
    const entries = timeline.data as { kind: string; summary: string; outcome: string | null; at: string; duration_ms: number | null }[];
    const steps: [string, RegExp][] = [
      ['request', /^POST \/v1\/orders → 201$/],
      ['event', /^order\.created /],
      ['request', /^POST \/v1\/payments → 201$/],
      ['provider_call', /^mercadopago createPayment: ok$/],
      ['transition', new RegExp(`^payment ${payment.id}: pending → approved, by api`)],
      ['event', /^payment\.approved /],
      ['event', /^order\.paid .*pending → paid/],
      ['request', /^POST \/v1\/payments\/:id\/refunds → 201$/],
      ['provider_call', /^mercadopago refund: ok$/],
      ['event', /^refund\.succeeded /],
      ['event', /^order\.partially_refunded /],
    ];
    let at = 0;
    for (const [kind, summary] of steps) {
      const found = find(entries, at, kind, summary);
      expect(
        found,
        `${kind} ${summary} after entry ${at}:\n${entries.map((e) => `${e.kind} ${e.summary}`).join('\n')}`,
      ).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    const paid = find(entries, 0, 'event', /^order\.paid /);
    const deliveries = entries.filter((e) => e.kind === 'delivery');
    expect(deliveries.map((e) => e.outcome)).toEqual(['failed', 'succeeded']);
    expect(deliveries[0]!.summary).toMatch(
      /^webhook order\.paid to http:\/\/127\.0\.0\.1:\d+\/hooks: 500 \(non_2xx\), attempt 1, next in \d+ s$/,
    );
    expect(find(entries, paid, 'provider_call', /^email send of order_paid to a\*\*\*@example\.com: ok$/)).toBeGreaterThan(paid);
    expect(find(entries, paid, 'event', /^message\.sent /)).toBeGreaterThan(paid);

    const notifications = entries.filter((e) => e.kind === 'notification');
    expect(notifications.map((e) => e.outcome)).toContain('duplicate');
    expect(notifications.find((e) => e.outcome === 'duplicate')!.summary).toMatch(/duplicate: a read of this payment is already queued/);

    expect(entries.filter((e) => e.kind === 'request').every((e) => typeof e.duration_ms === 'number')).toBe(true);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Operators' internals stay out of the storefront's view.
    expect(entries.some((e) => e.kind === 'job')).toBe(false);
    expect(JSON.stringify(timeline)).not.toMatch(/key_|detail/);
  });

  it('never stores or prints secrets, card tokens, full e-mail addresses or phone numbers', async () => {
    const { server, tenant, token } = await story();
    const rows = await server.instance.orm.em.fork().find(ActivitySchema, {});
    expect(rows.length).toBeGreaterThan(20);
    const stored = JSON.stringify(rows);
    const printed = server.logs.join('\n');
    for (const secret of [tenant.keys.test, tenant.keys.live, token, 'ana@example.com', '+5511987654321', '5511987654321']) {
      expect(stored, `activity log holds ${secret}`).not.toContain(secret);
      expect(printed, `stdout log holds ${secret}`).not.toContain(secret);
    }
  });

  it('is 404 for another store’s order, like any unknown one', async () => {
    const server = await startTestServer();
    const a = await createTenant(server, 'A');
    const b = await createTenant(server, 'B');
    const order = await json(await call(server, a.keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    expect((await call(server, b.keys.test, `/v1/orders/${order.id}/timeline`)).status).toBe(404);
    expect((await call(server, a.keys.live, `/v1/orders/${order.id}/timeline`)).status).toBe(404);
    await waitFor(async () => {
      await server.instance.activity.flush();
      return (await json(await call(server, a.keys.test, `/v1/orders/${order.id}/timeline`))).data.length >= 2;
    });
  });
});
