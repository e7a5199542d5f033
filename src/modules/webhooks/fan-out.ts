import type { Db } from '../../db/orm.js';
import type { Event } from '../events/event.entity.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { matchesEvent } from './event-patterns.js';
import { WebhookEndpointSchema } from './webhook-endpoint.entity.js';

export const DELIVER_WEBHOOK = 'webhook.deliver';
/** The first attempt and seven retries (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). */
export const DELIVERY_ATTEMPTS = 8;

export interface DeliveryPayload extends Record<string, unknown> {
  event_id: string;
  endpoint_id: string;
  trigger: 'scheduled' | 'manual' | 'replay';
}

/**
 * One delivery job per enabled endpoint whose patterns match, written in the event's own
 * transaction: an event that commits is delivered, one that rolls back never is.
 */
export async function fanOut(em: Db, jobs: JobQueue, event: Event): Promise<number> {
  const endpoints = await em.find(
    WebhookEndpointSchema,
    { store: event.store, livemode: event.livemode, status: 'enabled' },
    { filters: false, fields: ['id', 'enabledEvents'] },
  );
  let queued = 0;
  for (const endpoint of endpoints) {
    if (!matchesEvent(endpoint.enabledEvents, event.type)) continue;
    const payload: DeliveryPayload = { event_id: event.id, endpoint_id: endpoint.id, trigger: 'scheduled' };
    const storeId = event.store.id;
    await jobs.enqueue(em, DELIVER_WEBHOOK, payload, {
      storeId,
      subjectId: endpoint.id,
      dedupeKey: `whd:${event.id}:${endpoint.id}`,
      maxAttempts: DELIVERY_ATTEMPTS,
    });
    queued++;
  }
  return queued;
}
