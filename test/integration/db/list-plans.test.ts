import { describe, expect, it } from 'vitest';
import type { Scope } from '../../../src/modules/tenancy/scope.js';
import { openTestInstance } from '../../helpers/instance.js';
import { sqlitePlanOf } from '../../helpers/query-plan.js';
import { onPostgres } from '../../helpers/test-database.js';

// A list answers 20 rows; its cost must not grow with the store. The plan is what says so: an
// index walked in id order stops at the page, while "USE TEMP B-TREE FOR ORDER BY" means every
// row of the store (or of the status…) was read and sorted first. 300,000 orders took 368 ms
// for the first page that way, and 1 ms walking the index.
describe.skipIf(onPostgres)('list queries', () => {
  it('walk an index in id order for every list and filter, whatever the store holds', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    const scope: Scope = { storeId: store.id, mode: 'test', requestId: null };
    const page = { limit: 20 };
    const cases: [string, string, () => Promise<unknown>, string][] = [
      ['orders', 'orders', () => instance.orders.list(scope, page), 'orders_store_id_livemode_id_index'],
      [
        'orders after a cursor',
        'orders',
        () => instance.orders.list(scope, { ...page, starting_after: 'ord_x' }),
        'orders_store_id_livemode_id_index',
      ],
      [
        'orders by status',
        'orders',
        () => instance.orders.list(scope, { ...page, status: 'paid' }),
        'orders_store_id_livemode_status_id_index',
      ],
      [
        'orders by e-mail',
        'orders',
        () => instance.orders.list(scope, { ...page, customer_email: 'ana@example.com' }),
        'orders_store_id_livemode_customer_email_id_index',
      ],
      ['payments', 'payments', () => instance.payments.list(scope, page), 'payments_store_id_livemode_id_index'],
      [
        'payments of an order',
        'payments',
        () => instance.payments.list(scope, { ...page, order_id: 'ord_x' }),
        'payments_store_id_livemode_order_id_id_index',
      ],
      ['events', 'events', () => instance.events.list(scope, page), 'events_store_id_livemode_id_index'],
      [
        'events of a type',
        'events',
        () => instance.events.list(scope, { ...page, type: 'order.paid' }),
        'events_store_id_livemode_type_id_index',
      ],
      [
        'events of an order',
        'events',
        () => instance.events.list(scope, { ...page, order_id: 'ord_x' }),
        'events_store_id_livemode_order_id_id_index',
      ],
      [
        'events of a payment',
        'events',
        () => instance.events.list(scope, { ...page, payment_id: 'pay_x' }),
        'events_store_id_livemode_payment_id_id_index',
      ],
      ['messages', 'messages', () => instance.messages.list(scope, page), 'messages_store_id_livemode_id_index'],
      [
        'messages of an order',
        'messages',
        () => instance.messages.list(scope, { ...page, order_id: 'ord_x' }),
        'messages_store_id_livemode_order_id_id_index',
      ],
      [
        'messages by status',
        'messages',
        () => instance.messages.list(scope, { ...page, status: 'sent' }),
        'messages_store_id_livemode_status_id_index',
      ],
    ];
    for (const [name, table, list, index] of cases) {
      const { plan } = await sqlitePlanOf(instance.orm, list, new RegExp(`from \`${table}\``));
      expect(plan, name).toEqual([expect.stringMatching(new RegExp(`^SEARCH \\w+ USING INDEX ${index} \\(store_id=\\? AND livemode=\\?`))]);
    }
  });

  it('of a store’s activity (baas logs --store) walk its rows by time, not the whole log', async () => {
    const instance = await openTestInstance();
    const { plan } = await sqlitePlanOf(
      instance.orm,
      () => instance.activityQueries.list({ storeId: 'sto_x' }, 100),
      /from `activity_log`/,
    );
    expect(plan).toEqual([
      'SEARCH a USING INDEX activity_log_store_id_at_index (store_id=?)',
      'USE TEMP B-TREE FOR RIGHT PART OF ORDER BY',
    ]);
  });

  it('of jobs walk the primary key from the newest, with no sort', async () => {
    const instance = await openTestInstance();
    const { plan } = await sqlitePlanOf(instance.orm, () => instance.jobAdmin.list({ limit: 20 }), /from jobs/);
    expect(plan).toEqual(['SCAN jobs USING INDEX sqlite_autoindex_jobs_1']);
  });
});
