import { describe, expect, it } from 'vitest';
import { PaymentReconciler, type ReconciliationOptions } from '../../../src/modules/payments/reconciliation.js';
import { fixedClock, type Clock } from '../../../src/shared/clock.js';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { payByCard, settled, simControl } from '../../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';
import { openTestInstance } from '../../helpers/instance.js';
import { sqlitePlanOf } from '../../helpers/query-plan.js';
import { onPostgres } from '../../helpers/test-database.js';

/** The server's reconciler, but looking at everything however recent (the real one waits 10 min). */
function reconciler(server: TestServer) {
  const i = server.instance;
  return new PaymentReconciler(i.orm, i.payments, i.paymentIntake, i.providers, i.clock, i.logger, { minAgeMs: 0 });
}

/** The server's reconciler on a clock of the test's own, with the real defaults unless told. */
function reconcilerAt(server: TestServer, clock: Clock, options: ReconciliationOptions = {}) {
  const i = server.instance;
  return new PaymentReconciler(i.orm, i.payments, i.paymentIntake, i.providers, clock, i.logger, options);
}

const MINUTE = 60_000;

/** Runs reconciliation every `everyMs` (as its cron does) for `forMs`: the minutes since `from` at which it looked at something. */
async function looksOver(reconcile: PaymentReconciler, clock: ReturnType<typeof fixedClock>, from: Date, everyMs: number, forMs: number) {
  const looks: number[] = [];
  for (let elapsed = everyMs; elapsed <= forMs; elapsed += everyMs) {
    clock.advance(everyMs);
    const { payments, checkouts } = await reconcile.run();
    if (payments + checkouts > 0) looks.push((clock.now().getTime() - from.getTime()) / MINUTE);
  }
  return looks;
}

async function transitionCauses(server: TestServer, paymentId: string) {
  const rows = await server.instance.orm.em
    .fork()
    .getConnection()
    .execute<
      { to: string; cause: string }[]
    >('select "to", cause from payment_transitions where payment_id = ? and applied = ? order by id', [paymentId, true]);
  return rows.map((row) => `${row.to}:${row.cause}`);
}

describe('reconciliation', () => {
  it('settles payments whose notifications were lost: an approval, and a Pix that expired', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const first = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const second = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const card = await json(await payByCard(server, keys.test, first.id, 'CONT'));
    const pix = await json(
      await call(server, keys.test, '/v1/payments', { body: { order_id: second.id, method: 'pix', payer: { email: 'ana@example.com' } } }),
    );
    await settled(server);
    // Every notification from here on is lost.
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 100 });
    await simControl(server, `/payments/${card.provider_payment_id}/status`, { status: 'approved' });
    await simControl(server, `/payments/${pix.provider_payment_id}/status`, { status: 'cancelled', status_detail: 'expired' });
    await settled(server);
    expect((await json(await call(server, keys.test, `/v1/payments/${card.id}`))).status).toBe('in_process');

    expect(await reconciler(server).run()).toEqual({ payments: 2, checkouts: 0, failed: 0 });
    expect(await json(await call(server, keys.test, `/v1/payments/${card.id}`))).toMatchObject({ status: 'approved' });
    expect(await json(await call(server, keys.test, `/v1/orders/${first.id}`))).toMatchObject({ status: 'paid' });
    expect(await json(await call(server, keys.test, `/v1/payments/${pix.id}`))).toMatchObject({
      status: 'cancelled',
      status_detail: 'expired',
    });
    expect(await transitionCauses(server, card.id)).toEqual(['in_process:api', 'approved:reconciliation']);
    // Settled payments are not read again.
    expect(await reconciler(server).run()).toEqual({ payments: 0, checkouts: 0, failed: 0 });
  });

  it('finds the payment of a Checkout Pro link whose notification never came', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const checkout = await json(await call(server, keys.test, `/v1/orders/${order.id}/checkout`, { body: {} }));
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 100 });
    await simControl(server, `/preferences/${checkout.provider_preference_id}/pay`, { cardholder_name: 'APRO' });
    await settled(server);
    expect((await json(await call(server, keys.test, `/v1/payments?order_id=${order.id}`))).data).toHaveLength(0);

    expect(await reconciler(server).run()).toEqual({ payments: 0, checkouts: 1, failed: 0 });
    const [payment] = (await json(await call(server, keys.test, `/v1/payments?order_id=${order.id}`))).data;
    expect(payment).toMatchObject({ status: 'approved', amount: 11480 });
    expect(await json(await call(server, keys.test, `/v1/orders/${order.id}`))).toMatchObject({ status: 'paid' });
    expect(await transitionCauses(server, payment.id)).toEqual(['approved:reconciliation']);
    // A paid order's links are not searched again.
    expect((await reconciler(server).run()).checkouts).toBe(0);
  });

  it('a provider failure is counted and retried on a later run, and does not stop the others', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const orders = [
      await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER })),
      await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER })),
    ];
    const payments = [];
    for (const order of orders) payments.push(await json(await payByCard(server, keys.test, order.id, 'CONT')));
    await settled(server);
    await simControl(server, '/notifications/chaos', { mode: 'drop', count: 100 });
    for (const payment of payments) await simControl(server, `/payments/${payment.provider_payment_id}/status`, { status: 'approved' });
    await simControl(server, '/failures', {
      method: 'GET',
      path: `/v1/payments/${payments[0].provider_payment_id}`,
      mode: '500',
      count: 3,
    });
    expect(await reconciler(server).run()).toEqual({ payments: 1, checkouts: 0, failed: 1 });
    expect((await json(await call(server, keys.test, `/v1/payments/${payments[1].id}`))).status).toBe('approved');
    expect(server.logs.join('\n')).toContain('reconciliation could not settle it');
    expect(await reconciler(server).run()).toEqual({ payments: 1, checkouts: 0, failed: 0 });
    expect((await json(await call(server, keys.test, `/v1/payments/${payments[0].id}`))).status).toBe('approved');
  });

  it('looks again at an unsettled payment after as long as it has waited, up to hourly, not every run', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const payment = await json(await payByCard(server, keys.test, order.id, 'CONT'));
    await settled(server);
    const created = new Date(payment.created_at);
    const clock = fixedClock(created);

    // A run a minute, for 200 minutes: looks at 11, 22, 44, 88 minutes, then every hour.
    expect(await looksOver(reconcilerAt(server, clock), clock, created, MINUTE, 200 * MINUTE)).toEqual([11, 22, 44, 88, 148]);
    expect((await json(await call(server, keys.test, `/v1/payments/${payment.id}`))).status).toBe('in_process');
  });

  it('searches an abandoned Checkout Pro link ~50 times over its day and day of grace, not every 10 minutes', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const checkout = await json(await call(server, keys.test, `/v1/orders/${order.id}/checkout`, { body: {} }));
    const created = new Date(checkout.created_at);
    const clock = fixedClock(created);

    // Every 5 minutes, as the cron runs it, until well past expiry (a day) and grace (a day).
    const looks = await looksOver(reconcilerAt(server, clock), clock, created, 5 * MINUTE, 50 * 60 * MINUTE);
    expect(looks.slice(0, 6)).toEqual([15, 30, 60, 120, 180, 240]);
    expect(looks.at(-1)).toBe(47 * 60);
    expect(looks).toHaveLength(49);
  });

  it('takes a backlog larger than a run in the order it fell due, so the newest is not starved', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const payments = [];
    for (let n = 0; n < 7; n++) {
      const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
      payments.push(await json(await payByCard(server, keys.test, order.id, 'CONT')));
    }
    await settled(server);
    // A day later, all seven are due, and a run takes two.
    const clock = fixedClock(new Date(Date.now() + 24 * 60 * MINUTE));
    const reconcile = reconcilerAt(server, clock, { batch: 2 });
    const perRun: number[] = [];
    for (let run = 0; run < 8; run++) {
      perRun.push((await reconcile.run()).payments);
      clock.advance(5 * MINUTE);
    }
    // Each one once, oldest first, then none until their next look an hour on. Before, the four
    // oldest took turns every ten minutes and the seventh was never read.
    expect(perRun).toEqual([2, 2, 2, 1, 0, 0, 0, 0]);
    const looked = await server.instance.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(`select id from payments where reconciled_at is not null`);
    expect(looked.map((row) => row.id).sort()).toEqual(payments.map((payment) => payment.id).sort());
  });

  // Every five minutes, on the writer: the candidates must come from an index of what is still
  // open, not from a scan of every checkout ever made.
  it.skipIf(onPostgres)('finds the open checkouts through the expires_at index', async () => {
    const i = await openTestInstance();
    const reconcile = new PaymentReconciler(i.orm, i.payments, i.paymentIntake, i.providers, i.clock, i.logger);
    const { plan } = await sqlitePlanOf(i.orm, () => reconcile.run(), /from checkouts/);
    expect(plan).toContain('SEARCH c USING INDEX checkouts_expires_at_index (expires_at>?)');
    expect(plan.join('\n')).not.toMatch(/SCAN c\b/);
  });
});
