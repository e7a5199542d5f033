import { describe, expect, it } from 'vitest';
import { recordEvent } from '../../../src/modules/events/record-event.js';
import { JobSchema } from '../../../src/modules/jobs/job.entity.js';
import { scopedEm, type Scope } from '../../../src/modules/tenancy/scope.js';
import { DELIVER_WEBHOOK, type DeliveryPayload } from '../../../src/modules/webhooks/fan-out.js';
import { CreateEndpointInput, UpdateEndpointInput } from '../../../src/modules/webhooks/webhook-endpoint-input.js';
import { openTestInstance } from '../../helpers/instance.js';

describe('fan-out', () => {
  it('gives every event of one transaction a delivery per enabled endpoint of its mode whose patterns match it', async () => {
    const instance = await openTestInstance({ env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    const test: Scope = { storeId: store.id, mode: 'test', requestId: null };
    const live: Scope = { ...test, mode: 'live' };
    const endpoint = async (scope: Scope, events: string[]) =>
      (
        await instance.webhookEndpoints.create(
          scope,
          CreateEndpointInput.parse({ url: 'https://example.com/hook', enabled_events: events }),
        )
      ).endpoint.id;
    const payments = await endpoint(test, ['payment.*']);
    const orders = await endpoint(test, ['order.paid']);
    const everything = await endpoint(test, ['*']);
    await endpoint(live, ['*']);
    const disabled = await endpoint(test, ['*']);
    await instance.webhookEndpoints.update(test, disabled, UpdateEndpointInput.parse({ status: 'disabled' }));

    const events = await scopedEm(instance.orm, test).transactional(async (em) => [
      await recordEvent(em, instance.jobs, test, 'payment.approved', { object: { id: 'pay_1' } }),
      await recordEvent(em, instance.jobs, test, 'order.paid', { object: { id: 'ord_1' } }),
      await recordEvent(em, instance.jobs, test, 'order.created', { object: { id: 'ord_1' } }),
    ]);

    const jobs = await instance.orm.em.fork().find(JobSchema, { type: DELIVER_WEBHOOK }, { filters: false });
    const delivered = (eventId: string) =>
      jobs
        .map((job) => job.payload as DeliveryPayload)
        .filter((payload) => payload.event_id === eventId)
        .map((payload) => payload.endpoint_id)
        .sort();
    expect(delivered(events[0]!.id)).toEqual([payments, everything].sort());
    expect(delivered(events[1]!.id)).toEqual([orders, everything].sort());
    expect(delivered(events[2]!.id)).toEqual([everything]);
    expect(jobs).toHaveLength(5);
  });
});
