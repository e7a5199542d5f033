import type { Db } from '../../db/orm.js';
import { newId } from '../../shared/ids.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { ownership, type Scope } from '../tenancy/scope.js';
import { fanOut } from '../webhooks/fan-out.js';
import { queueAutomaticMessages } from '../messages/automatic-triggers.js';
import type { EventType } from './event-types.js';
import { EventSchema, type Event } from './event.entity.js';

export interface EventSubject {
  object: Record<string, unknown>;
  previousAttributes?: Record<string, unknown>;
  orderId?: string | null;
  paymentId?: string | null;
}

/**
 * Writes an event, its webhook deliveries and the automatic messages it calls for in the
 * caller's transaction: they commit with the change they describe, or not at all.
 */
export async function recordEvent(em: Db, jobs: JobQueue, scope: Scope, type: EventType, subject: EventSubject): Promise<Event> {
  const event = em.create(EventSchema, {
    id: newId('evt'),
    ...ownership(scope),
    type,
    data: { object: subject.object, ...(subject.previousAttributes ? { previous_attributes: subject.previousAttributes } : {}) },
    requestId: scope.requestId,
    orderId: subject.orderId ?? null,
    paymentId: subject.paymentId ?? null,
    createdAt: new Date(),
  });
  await fanOut(em, jobs, event);
  await queueAutomaticMessages(em, jobs, event);
  return event;
}
