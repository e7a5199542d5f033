import { describe, expect, it } from 'vitest';
import { attemptRetention } from '../../../src/modules/webhooks/attempt-retention.js';
import { recordAttempt } from '../../../src/modules/webhooks/sql/record-attempt.js';
import { WebhookDeliverySchema } from '../../../src/modules/webhooks/webhook-delivery.entity.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { openTestInstance } from '../../helpers/instance.js';

describe('attempt retention', () => {
  it('purges attempts older than the retention, in batches, and keeps the rest', async () => {
    const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
    const instance = await openTestInstance({ clock });
    const { store } = await instance.stores.create({ name: 'S', currency: 'BRL', locale: 'pt-BR' });
    const day = 24 * 3600_000;
    const em = instance.orm.em.fork();
    for (let i = 0; i < 1200; i++) {
      await recordAttempt(em, {
        storeId: store.id,
        livemode: false,
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
    const result = await attemptRetention(instance.orm, clock, 30).run();
    expect(result).toEqual({ purged: 1100 });
    expect(await instance.orm.em.fork().count(WebhookDeliverySchema, {}, { filters: false })).toBe(100);
  });
});
