import type { Db } from '../../db/orm.js';
import { newId } from '../../shared/ids.js';
import { ownership, type Scope } from '../tenancy/scope.js';
import type { EventType } from './event-types.js';
import { EventSchema, type Event } from './event.entity.js';

export interface EventSubject {
  object: Record<string, unknown>;
  previousAttributes?: Record<string, unknown>;
  orderId?: string | null;
  paymentId?: string | null;
}

/** Adds an event to the caller's unit of work: it commits with the change it describes, or not at all. */
export function recordEvent(em: Db, scope: Scope, type: EventType, subject: EventSubject): Event {
  return em.create(EventSchema, {
    id: newId('evt'),
    ...ownership(scope),
    type,
    data: { object: subject.object, ...(subject.previousAttributes ? { previous_attributes: subject.previousAttributes } : {}) },
    requestId: scope.requestId,
    orderId: subject.orderId ?? null,
    paymentId: subject.paymentId ?? null,
  });
}
