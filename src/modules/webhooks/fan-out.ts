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
export async function fanOut(em: Db, jobs: JobQueue, event: Event): Promise<void> {
  const endpoints = await em.find(
    WebhookEndpointSchema,
    { store: event.store, livemode: event.livemode, status: 'enabled' },
    { filters: false, fields: ['id', 'enabledEvents'] },
  );
  const deliveries = endpoints
    .filter((endpoint) => matchesEvent(endpoint.enabledEvents, event.type))
    .map((endpoint) => ({
      type: DELIVER_WEBHOOK,
      payload: { event_id: event.id, endpoint_id: endpoint.id, trigger: 'scheduled' } satisfies DeliveryPayload,
      storeId: event.store.id,
      subjectId: endpoint.id,
      dedupeKey: `whd:${event.id}:${endpoint.id}`,
      maxAttempts: DELIVERY_ATTEMPTS,
    }));
  // One statement for all of them: a store with ten endpoints pays one insert per event, not ten.
  if (deliveries.length > 0) await jobs.enqueueMany(em, deliveries);
}
