import { z } from 'zod';
import { pageParams } from '../../db/paginate.js';
import type { Event } from './event.entity.js';

/** The `event` object of the API; a webhook's body carries the same `data`. */
export function eventJson(event: Event) {
  return {
    id: event.id,
    object: 'event' as const,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    livemode: event.livemode,
    request_id: event.requestId ?? null,
    data: event.data,
  };
}

/** What a webhook endpoint receives: the Standard Webhooks payload shape of the contract. */
export function webhookBody(event: Pick<Event, 'id' | 'type' | 'createdAt' | 'data'>): string {
  return JSON.stringify({ id: event.id, type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}

export const EventObject = z.object({
  id: z.string(),
  object: z.literal('event'),
  type: z.string(),
  created_at: z.string(),
  livemode: z.boolean(),
  request_id: z.string().nullable(),
  data: z.object({ object: z.record(z.string(), z.unknown()), previous_attributes: z.record(z.string(), z.unknown()).optional() }),
});

export const ListEventsQuery = z.strictObject({
  type: z.string().min(1).optional().describe('Only events of this type, e.g. `payment.approved`'),
  order_id: z.string().min(1).optional().describe('Only events about this order'),
  payment_id: z.string().min(1).optional().describe('Only events about this payment'),
  ...pageParams,
});

export type ListEvents = z.output<typeof ListEventsQuery>;
