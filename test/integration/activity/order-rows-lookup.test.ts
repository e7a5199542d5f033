import { describe, expect, it } from 'vitest';
import { ActivitySchema } from '../../../src/modules/activity/activity.entity.js';
import { PUBLIC_KINDS } from '../../../src/modules/activity/activity.json.js';
import type { ActivityFilter } from '../../../src/modules/activity/activity-queries.js';
import type { Scope } from '../../../src/modules/tenancy/scope.js';
import { openTestInstance } from '../../helpers/instance.js';
import { newOrder } from '../../helpers/messaging.js';
import { onPostgres } from '../../helpers/test-database.js';
import { sqlitePlanOf } from '../../helpers/query-plan.js';

/** A store whose log is mostly other orders' rows, and one order with a row of each way to belong to it. */
async function busyStore() {
  const instance = await openTestInstance();
  const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
  const { store: other } = await instance.stores.create({ name: 'Outra', currency: 'BRL', locale: 'pt-BR' });
  const scope: Scope = { storeId: store.id, mode: 'test', requestId: null };
  const order = await newOrder(instance, scope);
  const message = await instance.messages.create(scope, { channel: 'email', template: 'order_paid', order_id: order.id, data: {} });
  await instance.activity.flush();
  const start = Date.parse('2026-12-01T00:00:00Z');
  const row = (i: number, fields: Record<string, unknown>) => ({
    id: `act_seed_${String(i).padStart(6, '0')}`,
    at: new Date(start + i * 1000),
    level: 'info' as const,
    kind: 'request',
    summary: `row ${i}`,
    storeId: store.id,
    livemode: false,
    ...fields,
  });
  // Like a real log: most rows name a request, many an order, some a payment or a provider id, few a message.
  const rows = Array.from({ length: 3000 }, (_, i) =>
    row(i, {
      requestId: `req_${i}`,
      orderId: i % 5 < 3 ? `ord_other_${i % 300}` : null,
      paymentId: i % 5 === 2 || i % 5 === 3 ? `pay_other_${i % 300}` : null,
      providerRef: i % 5 === 3 ? `${9_000_000 + (i % 300)}` : null,
      messageId: i % 50 === 4 ? `msg_other_${i}` : null,
    }),
  );
  rows.push(
    row(3000, { kind: 'notification', messageId: message.id, summary: 'WhatsApp status of our message', detail: { statuses: 1 } }),
    row(3001, { kind: 'event', orderId: order.id, summary: 'an event of our order' }),
    row(3002, { kind: 'notification', messageId: 'msg_someone_else', summary: 'another message' }),
    row(3003, { storeId: other.id, orderId: order.id, summary: 'another store claiming our order id' }),
  );
  for (let at = 0; at < rows.length; at += 1000) await instance.orm.em.fork().insertMany(ActivitySchema, rows.slice(at, at + 1000));
  return { instance, store, order, message };
}

describe('finding the rows of an order', () => {
  it('returns the order’s rows and its messages’, and nothing of other orders, messages or stores', async () => {
    const { instance, store, order, message } = await busyStore();
    const rows = await instance.timeline.forOrder({ storeId: store.id, mode: 'test', requestId: null }, order.id);
    expect(rows.data.filter((r) => r.id.startsWith('act_seed_')).map((r) => r.summary)).toEqual([
      'WhatsApp status of our message',
      'an event of our order',
    ]);
    // Read as raw rows and mapped back: the columns come back as the entity's types on both databases.
    const [status] = (await instance.activityQueries.list({ orderId: order.id, kinds: ['notification'] }, 10)).filter((r) =>
      r.id.startsWith('act_seed_'),
    );
    expect(status).toMatchObject({ at: new Date('2026-12-01T00:50:00Z'), livemode: false, detail: { statuses: 1 }, messageId: message.id });
    // Asked for an order and a payment that is not its, nothing belongs to both.
    expect(await instance.activityQueries.list({ orderId: order.id, paymentId: 'pay_other_2' }, 10)).toEqual([]);
  });

  // The plan is the behaviour here: the answer is the same either way, but walking the store's
  // rows takes ~0.6 s once the store has a million of them, and the timeline is an API call.
  it.skipIf(onPostgres).each([
    ['before SQLite has statistics', false],
    ['after ANALYZE', true],
  ])('looks up each way to belong to the order by its index, %s', async (_, analyzed) => {
    const { instance, store, order } = await busyStore();
    if (analyzed) await instance.orm.em.fork().execute('ANALYZE');
    const filters: ActivityFilter[] = [
      { storeId: store.id, orderId: order.id, kinds: PUBLIC_KINDS },
      { orderId: order.id },
      { orderId: order.id, level: 'warn', since: new Date('2026-12-01T00:10:00Z') },
    ];
    for (const filter of filters) {
      const { plan } = await sqlitePlanOf(
        instance.orm,
        () => instance.activityQueries.list(filter, 1001, 'oldest'),
        /from [`"]?activity_log/,
      );
      // Each way to belong is an index lookup; the rows themselves are then read by id.
      const reads = plan.filter((detail) => /^(SCAN|SEARCH) (activity_log|a)\b/.test(detail));
      expect(reads.filter((read) => read.startsWith('SEARCH activity_log')).length, JSON.stringify(filter)).toBe(4);
      for (const read of reads) {
        expect(read, JSON.stringify(filter)).toMatch(
          /^SEARCH (activity_log USING INDEX activity_log_(order_id|payment_id|provider_ref|message_id)_index |a USING .*\bid=\?\)$)/,
        );
      }
    }
  });
});
