import { describe, expect, it } from 'vitest';
import { purgeActivity } from '../../../src/modules/activity/activity-retention.js';
import { rollUpUsage } from '../../../src/modules/usage/usage-rollup.js';
import { parsePeriod } from '../../../src/modules/usage/usage-period.js';
import { UsageService } from '../../../src/modules/usage/usage.service.js';
import type { Usage } from '../../../src/modules/usage/usage.json.js';
import { purgeAttempts } from '../../../src/modules/webhooks/sql/purge-attempts.js';
import type { Instance } from '../../../src/runtime/instance.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { openTestInstance } from '../../helpers/instance.js';
import { insertRows, rows, storeCreatedAt } from './seed.js';

const NOW = new Date('2026-12-01T07:00:00Z');
const RETENTION = { activityRetentionDays: 30, webhookAttemptRetentionDays: 30 };

/**
 * Around São Paulo's November (UTC-3): A is its last millisecond of October, B its first of
 * November, C its last of November, D its first of December. In UTC, A and B are November and
 * C and D December. Each instant has a different number of rows (1, 2, 4, 8), so a count tells
 * which instants it took: São Paulo's November is B + C = 6, UTC's A + B = 3.
 */
const EDGES: [Date, number][] = [
  [new Date('2026-11-01T02:59:59.999Z'), 1],
  [new Date('2026-11-01T03:00:00.000Z'), 2],
  [new Date('2026-12-01T02:59:59.999Z'), 4],
  [new Date('2026-12-01T03:00:00.000Z'), 8],
];

/** Rows of every source at each edge, in both modes: live has ten times as many, so a count that mixed them shows. */
async function seedEdges(instance: Instance, storeId: string) {
  const at = (livemode: boolean, make: (at: Date, i: number) => Record<string, unknown>) =>
    EDGES.flatMap(([edge, n]) => Array.from({ length: livemode ? n * 10 : n }, (_, i) => make(edge, i)));
  for (const livemode of [false, true]) {
    const mode = livemode ? 'live' : 'test';
    const ref = (edge: Date, i: number) => `${mode}-${edge.getTime()}-${i}`;
    const sources: [string, (edge: Date, i: number) => Record<string, unknown>][] = [
      ['activity_log', (edge) => rows.request(storeId, livemode, edge)],
      ['activity_log', (edge) => rows.otherActivity(storeId, livemode, edge)],
      ['orders', (edge) => rows.order(storeId, livemode, edge)],
      ['payments', (edge, i) => rows.payment(storeId, livemode, edge, i % 2 ? 'rejected' : 'approved', 1000, 'BRL', ref(edge, i))],
      ['refunds', (edge) => rows.refund(storeId, livemode, edge, 250)],
      ['webhook_deliveries', (edge) => rows.delivery(storeId, livemode, edge)],
      ['messages', (edge, i) => rows.message(storeId, livemode, edge, 'whatsapp', 'read', `wamid.${ref(edge, i)}`)],
      // Notifications have no mode: each is about a payment of this mode (and so counts in it).
      ['provider_notifications', (edge, i) => rows.notification(storeId, edge, 'mercadopago', ref(edge, i))],
    ];
    for (const [table, make] of sources) await insertRows(instance.orm, table, at(livemode, make));
  }
  // About nothing we know: counted in each mode as unattributed, never as either mode's.
  await insertRows(instance.orm, 'provider_notifications', [rows.notification(storeId, EDGES[1]![0], 'mercadopago', 'merchant-order-1')]);
}

async function setup() {
  const instance = await openTestInstance({ clock: fixedClock(NOW) });
  const { store } = await instance.stores.create({ name: 'Loja SP', currency: 'BRL', locale: 'pt-BR', timezone: 'America/Sao_Paulo' });
  await storeCreatedAt(instance.orm, store.id, new Date('2026-09-01T12:00:00Z'));
  await seedEdges(instance, store.id);
  const usage = new UsageService(instance.orm, instance.clock, RETENTION);
  const november = async (livemode = false): Promise<Usage> =>
    (await usage.report({ store: store.id }, livemode, parsePeriod({ month: '2026-11' })))[0]!;
  return { instance, store, usage, november };
}

/** The figures that count rows at the edges, which all move together. */
function edgeCounts(usage: Usage) {
  return {
    requests: usage.api_requests.count,
    orders: usage.orders.created,
    payments: usage.payments.by_status.approved + usage.payments.by_status.rejected,
    refunds: usage.refunds.by_status.succeeded,
    deliveries: usage.webhook_deliveries.succeeded,
    whatsapp: usage.messages.whatsapp.read,
    notifications: usage.inbound_notifications.mercadopago,
  };
}

const all = (n: number) => ({ requests: n, orders: n, payments: n, refunds: n, deliveries: n, whatsapp: n, notifications: n });

describe('usage of a month', () => {
  it('counts from the store’s midnight to the next month’s, in its time zone, start included and end excluded', async () => {
    const { instance, store, november } = await setup();
    const usage = await november();
    expect(usage.period).toEqual({
      from: '2026-11-01T03:00:00.000Z',
      to: '2026-12-01T03:00:00.000Z',
      timezone: 'America/Sao_Paulo',
      month: '2026-11',
    });
    expect(edgeCounts(usage)).toEqual(all(6));
    // Of the 6 payments (B: 2, C: 4) every other one was approved: 1 + 2.
    expect(usage.payments.approved_volume).toEqual([{ currency: 'BRL', count: 3, amount: 3000, formatted: '30.00 BRL' }]);
    expect(usage.refunds.refunded_volume).toEqual([{ currency: 'BRL', count: 6, amount: 1500, formatted: '15.00 BRL' }]);
    expect(usage.messages.whatsapp_billable).toBe(6);
    expect(usage.inbound_notifications.unattributed).toBe(1);
    // Nothing was rolled up, and 1 November's first hours are 30 days (the retention) ago: the
    // figures from purged tables say they may be short.
    expect([usage.api_requests.complete, usage.webhook_deliveries.complete]).toEqual([false, false]);

    // The same rows, the store moved to UTC: its November is now A + B.
    await instance.stores.update(store.id, { timezone: 'UTC' });
    expect(edgeCounts(await november())).toEqual(all(3));
  });

  it('never adds test-mode usage to live, nor live to test', async () => {
    const { november } = await setup();
    const live = await november(true);
    expect(live.livemode).toBe(true);
    expect(edgeCounts(live)).toEqual(all(60));
    expect(live.payments.approved_volume).toEqual([{ currency: 'BRL', count: 30, amount: 30000, formatted: '300.00 BRL' }]);
    expect(edgeCounts(await november(false))).toEqual(all(6));
  });

  it('stays countable from daily roll-ups once the activity log and delivery attempts are purged', async () => {
    const { instance, store, november } = await setup();
    const october = async () =>
      (
        await new UsageService(instance.orm, instance.clock, RETENTION).report(
          { store: store.id },
          false,
          parsePeriod({ month: '2026-10' }),
        )
      )[0]!;
    // The hourly task, on 1 November: the store predates the retention, so the first day it
    // rolls up is the first whose rows are all still there (3 October, São Paulo).
    expect(await rollUpUsage(instance.orm, new Date('2026-11-01T12:00:00Z'), RETENTION)).toBe(29);
    // It goes on from there each time it runs, up to the end of 30 November.
    expect(await rollUpUsage(instance.orm, new Date('2026-11-15T12:00:00Z'), RETENTION)).toBe(14);
    expect(await rollUpUsage(instance.orm, NOW, RETENTION)).toBe(16);
    expect(await rollUpUsage(instance.orm, NOW, RETENTION)).toBe(0);
    expect(edgeCounts(await november())).toEqual(all(6));
    // A request on 1 October, a day never rolled up: the clock says the nightly purge has taken
    // rows that old, so October is marked as counted in part even while this one is still there.
    await insertRows(instance.orm, 'activity_log', [rows.request(store.id, false, new Date('2026-10-01T15:00:00Z'))]);
    expect((await october()).api_requests).toEqual({ count: 2, complete: false });

    const em = instance.orm.em.fork();
    const later = new Date('2026-12-02T00:00:00Z');
    await purgeActivity(instance.orm, later);
    await purgeAttempts(em, later, 10_000);
    const after = await november();
    expect(edgeCounts(after)).toEqual(all(6));
    expect(after.api_requests.complete && after.webhook_deliveries.complete).toBe(true);

    // October's first two days were never rolled up and their rows are gone: October says so.
    const octoberAfter = await october();
    expect(octoberAfter.api_requests).toEqual({ count: 1, complete: false });
    expect(octoberAfter.webhook_deliveries).toEqual({ succeeded: 1, failed: 0, complete: false });
    // What is kept for ever (orders, payments…) does not depend on roll-ups.
    expect(octoberAfter.orders.created).toBe(1);
  });

  it('skips the days whose rows may have been purged when the server was stopped for longer than the retention', async () => {
    const { instance } = await setup();
    await rollUpUsage(instance.orm, new Date('2026-11-01T12:00:00Z'), RETENTION);
    // Back on 5 January: what is older than 6 December may be gone, so rolling up restarts on 7 December.
    await rollUpUsage(instance.orm, new Date('2027-01-05T12:00:00Z'), RETENTION);
    const starts = await instance.orm.em
      .fork()
      .getConnection()
      .execute<{ starts_at: number | string }[]>('select starts_at from usage_days where livemode = ? order by starts_at', [false]);
    const days = starts.map((row) => new Date(row.starts_at).toISOString());
    expect(days).not.toContain('2026-11-01T03:00:00.000Z');
    expect(days[days.indexOf('2026-10-31T03:00:00.000Z') + 1]).toBe('2026-12-07T03:00:00.000Z');
  });

  it('counts what roll-ups leave out from the rows when the store changes time zone between them', async () => {
    const { instance, store, november } = await setup();
    await rollUpUsage(instance.orm, new Date('2026-11-01T12:00:00Z'), RETENTION);
    await instance.stores.update(store.id, { timezone: 'UTC' });
    // The next roll-up starts where the last ended (03:00 UTC) and runs to the next UTC midnight.
    await rollUpUsage(instance.orm, new Date('2026-11-15T12:00:00Z'), RETENTION);
    await rollUpUsage(instance.orm, NOW, RETENTION);
    const days = await instance.orm.em
      .fork()
      .getConnection()
      .execute<
        { starts_at: number; ends_at: number }[]
      >('select starts_at, ends_at from usage_days where livemode = ? order by starts_at', [false]);
    const first = days.find((day) => new Date(day.starts_at).toISOString() === '2026-11-01T03:00:00.000Z')!;
    expect(new Date(first.ends_at).toISOString()).toBe('2026-11-02T00:00:00.000Z');
    // UTC's November: its first three hours are in no roll-up and come from the rows (A).
    expect(edgeCounts(await november())).toEqual(all(3));
  });
});
