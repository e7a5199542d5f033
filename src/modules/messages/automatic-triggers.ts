import type { Db } from '../../db/orm.js';
import type { Event } from '../events/event.entity.js';
import type { EventType } from '../events/event-types.js';
import type { JobQueue } from '../jobs/job-queue.js';

/** The events that message the customer on their own (API.md, Messages), and the template each sends. */
export const AUTOMATIC_TEMPLATES: Partial<Record<EventType, string>> = {
  'order.paid': 'order_paid',
  'payment.pending': 'payment_pending',
  'payment.rejected': 'payment_rejected',
  'order.refunded': 'order_refunded',
};

export const SEND_AUTOMATIC = 'message.automatic';

/**
 * In the event's transaction: the job that will write the automatic messages. One per order
 * and template, ever: the same event arriving again (duplicate notifications, a second
 * rejected attempt) asks for nothing new.
 */
export async function queueAutomaticMessages(em: Db, jobs: JobQueue, event: Event): Promise<void> {
  const template = AUTOMATIC_TEMPLATES[event.type as EventType];
  if (!template || !event.orderId) return;
  // payment_pending exists to give Pix or ticket instructions; a card waiting for review has none to give.
  if (template === 'payment_pending' && !(event.data.object as { pix?: unknown }).pix) return;
  await jobs.enqueue(
    em,
    SEND_AUTOMATIC,
    { event_id: event.id, template },
    { storeId: event.store.id, subjectId: event.orderId, dedupeKey: `auto:${event.orderId}:${template}`, maxAttempts: 5 },
  );
}
