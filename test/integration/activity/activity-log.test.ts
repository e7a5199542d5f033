import { describe, expect, it } from 'vitest';
import { ActivitySchema } from '../../../src/modules/activity/activity.entity.js';
import { purgeActivity } from '../../../src/modules/activity/activity-retention.js';
import { scopedEm, type Scope } from '../../../src/modules/tenancy/scope.js';
import { recordEvent } from '../../../src/modules/events/record-event.js';
import { openTestInstance } from '../../helpers/instance.js';
import { createTenant } from '../../helpers/api.js';
import { postPaymentNotification } from '../../helpers/mercadopago.js';
import { startTestServer } from '../../helpers/server.js';
import { newOrder } from '../../helpers/messaging.js';

describe('the activity log', () => {
  it('writes a row for every event once its transaction has committed', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    const scope: Scope = { storeId: store.id, mode: 'test', requestId: 'req_test_1' };
    const order = await newOrder(instance, scope);
    await instance.activity.flush();
    const rows = await instance.orm.em.fork().find(ActivitySchema, {});
    expect(rows).toMatchObject([
      {
        kind: 'event',
        summary: `order.created ${order.id}: pending (paid 0.00 BRL of 114.80 BRL)`,
        storeId: store.id,
        livemode: false,
        orderId: order.id,
        requestId: 'req_test_1',
        outcome: 'order.created',
      },
    ]);
  });

  it('tells nothing of a change that rolled back', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    const scope: Scope = { storeId: store.id, mode: 'test', requestId: null };
    await expect(
      scopedEm(instance.orm, scope).transactional(async (em) => {
        await recordEvent(em, instance.jobs, scope, 'order.created', {
          object: { id: 'ord_rolled_back', object: 'order' },
          orderId: 'ord_rolled_back',
        });
        await em.flush();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await newOrder(instance, scope);
    await instance.activity.flush();
    const rows = await instance.orm.em.fork().find(ActivitySchema, {});
    expect(rows.map((row) => row.orderId)).not.toContain('ord_rolled_back');
    expect(rows).toHaveLength(1);
  });
});

describe('activity retention', () => {
  it('deletes only rows older than the retention, in batches', async () => {
    const instance = await openTestInstance();
    const now = new Date('2026-12-01T12:00:00Z');
    const day = 24 * 3600_000;
    for (let age = 0; age < 40; age++) {
      instance.activity.record({ kind: 'job', summary: `row ${age} days old`, at: new Date(now.getTime() - age * day) });
    }
    await instance.activity.flush();
    const purged = await purgeActivity(instance.orm, new Date(now.getTime() - 30 * day), 4);
    expect(purged).toBe(9);
    const left = await instance.orm.em.fork().find(ActivitySchema, {}, { orderBy: { at: 'asc' } });
    expect(left).toHaveLength(31);
    expect(left[0]!.summary).toBe('row 30 days old');
  });
});

describe('notifications in the activity log', () => {
  it('name the request that brought each one, even when a burst is written in one batch', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    const sent = Array.from({ length: 20 }, (_, i) => ({ paymentId: String(9_000_000 + i), requestId: `mp-request-${1000 + i}` }));
    await Promise.all(sent.map((s) => postPaymentNotification(server, tenant.storeId, s.paymentId, { requestId: s.requestId })));
    await server.instance.activity.flush();
    const rows = await server.instance.orm.em.fork().find(ActivitySchema, { kind: 'notification' });
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(row.requestId, row.providerRef!).toBe(sent.find((s) => s.paymentId === row.providerRef)!.requestId);
  });
});
