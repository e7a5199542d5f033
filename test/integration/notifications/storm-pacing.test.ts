import { describe, expect, it } from 'vitest';
import { JobSchema } from '../../../src/modules/jobs/job.entity.js';
import { claimJobs } from '../../../src/modules/jobs/sql/claim-jobs.js';
import { PROCESS_NOTIFICATION, STORM_PACE_MS } from '../../../src/modules/notifications/mercadopago-inbox.js';
import type { Instance } from '../../../src/runtime/instance.js';
import { openTestInstance } from '../../helpers/instance.js';

function notify(instance: Instance, storeId: string, paymentId: string, n: number) {
  return instance.mercadoPagoInbox.receive({
    storeId,
    query: { 'data.id': paymentId, type: 'payment' },
    body: {
      id: n,
      type: 'payment',
      action: 'payment.updated',
      date_created: new Date(Date.now() + n).toISOString(),
      data: { id: paymentId },
    },
    rawQuery: `data.id=${paymentId}&type=payment`,
    rawBody: '{}',
    signature: undefined,
    requestId: undefined,
  });
}

describe('a storm of notifications about one payment', () => {
  it('is read at once when alone, and at most once per pace while a read of it is in flight', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Storm', currency: 'BRL', locale: 'pt-BR' });
    await notify(instance, store.id, '111', 1);
    const [reading] = await claimJobs(instance.orm.em.fork(), 'worker_test', 10, new Date(), 60_000);
    expect(reading?.subjectId).toBe('111');

    const before = Date.now();
    for (let n = 2; n < 12; n++) await notify(instance, store.id, '111', n);
    await notify(instance, store.id, '222', 1);
    const queued = await instance.orm.em
      .fork()
      .find(JobSchema, { type: PROCESS_NOTIFICATION, status: 'queued' }, { orderBy: { subjectId: 'asc' } });
    // Ten more notifications about 111: one queued read, a pace later; 222 is read at once.
    expect(queued.map((job) => job.subjectId)).toEqual(['111', '222']);
    expect(queued[0]!.runAt.getTime()).toBeGreaterThanOrEqual(before + STORM_PACE_MS - 50);
    expect(queued[1]!.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    const [row] = await instance.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*) as n from provider_notifications');
    expect(Number(row!.n)).toBe(12);
  });

  it('wakes the job runner only for a notification that queued a read, not for the duplicates riding on it', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Storm', currency: 'BRL', locale: 'pt-BR' });
    let wakes = 0;
    instance.jobs.onWake(() => wakes++);
    await notify(instance, store.id, '111', 1);
    expect(wakes).toBe(1);
    // Nothing has claimed the first read: every later one about 111 rides on it.
    await Promise.all([2, 3, 4, 5].map((n) => notify(instance, store.id, '111', n)));
    expect(wakes).toBe(1);
    await notify(instance, store.id, '222', 1);
    expect(wakes).toBe(2);
  });
});
