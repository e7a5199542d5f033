import { describe, expect, it } from 'vitest';
import { attemptRetention } from '../../../src/modules/webhooks/attempt-retention.js';
import { recordAttempt } from '../../../src/modules/webhooks/sql/record-attempt.js';
import { WebhookDeliverySchema } from '../../../src/modules/webhooks/webhook-delivery.entity.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { openTestInstance } from '../../helpers/instance.js';
import { sqlitePlanOf } from '../../helpers/query-plan.js';
import { onPostgres } from '../../helpers/test-database.js';

/** 1,200 attempts over two stores and both modes, 1,100 of them past a 30-day retention. */
async function attempts() {
  const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
  const instance = await openTestInstance({ clock });
  const stores = [
    (await instance.stores.create({ name: 'S', currency: 'BRL', locale: 'pt-BR' })).store,
    (await instance.stores.create({ name: 'T', currency: 'BRL', locale: 'pt-BR' })).store,
  ];
  const day = 24 * 3600_000;
  const em = instance.orm.em.fork();
  for (let i = 0; i < 1200; i++) {
    await recordAttempt(em, {
      storeId: stores[i % 2]!.id,
      livemode: i % 3 === 0,
      endpointId: 'we_x',
      eventId: `evt_${i}`,
      attempt: 1,
      trigger: 'scheduled',
      succeeded: true,
      statusCode: 200,
      durationMs: 3,
      responseExcerpt: null,
      errorClass: null,
      error: null,
      nextAttemptAt: null,
      startedAt: new Date(clock.now().getTime() - (i < 1100 ? 31 : 29) * day),
    });
  }
  return { instance, clock };
}

describe('attempt retention', () => {
  it('purges attempts older than the retention, in batches, and keeps the rest', async () => {
    const { instance, clock } = await attempts();
    const result = await attemptRetention(instance.orm, clock, 30).run();
    expect(result).toEqual({ purged: 1100 });
    expect(await instance.orm.em.fork().count(WebhookDeliverySchema, {}, { filters: false })).toBe(100);
  });

  // Nightly on the only writer: each batch must find its rows through an index, not read and
  // sort the whole table of attempts first.
  it.skipIf(onPostgres)('finds each batch through the store’s (store_id, livemode, started_at) index, without sorting', async () => {
    const { instance, clock } = await attempts();
    const { plan, matching } = await sqlitePlanOf(
      instance.orm,
      () => attemptRetention(instance.orm, clock, 30).run(),
      /^delete from webhook_deliveries/,
    );
    expect(matching).toBeGreaterThanOrEqual(4);
    expect(plan).toContain(
      'SEARCH webhook_deliveries USING INDEX webhook_deliveries_store_id_livemode_started_at_status_index (store_id=? AND livemode=? AND started_at<?)',
    );
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN/);
  });
});
