import type { Db } from '../../db/orm.js';
import type { Event } from '../events/event.entity.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { matchesEvent } from './event-patterns.js';
import { listeningEndpoints, type ListeningEndpoint } from './sql/listening-endpoints.js';

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
  const endpoints = await enabledEndpoints(em, event.store.id, event.livemode);
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

const listeningIn = new WeakMap<Db, Map<string, Promise<ListeningEndpoint[]>>>();

/**
 * The store's enabled endpoints, read once per transaction: a payment approved in one
 * transaction records payment.approved and order.paid, and each event asked again.
 * Outside a transaction (no snapshot to share) every call reads.
 */
function enabledEndpoints(em: Db, storeId: string, livemode: boolean): Promise<ListeningEndpoint[]> {
  const read = () => listeningEndpoints(em, storeId, livemode);
  if (!em.isInTransaction()) return read();
  let reads = listeningIn.get(em);
  if (!reads) listeningIn.set(em, (reads = new Map()));
  const key = `${storeId}:${livemode}`;
  let endpoints = reads.get(key);
  if (!endpoints) reads.set(key, (endpoints = read()));
  return endpoints;
}
