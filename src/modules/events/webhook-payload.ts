import { z } from 'zod';
import { MessageObject } from '../messages/message.json.js';
import { OrderObject } from '../orders/order.json.js';
import { PaymentObject } from '../payments/payment.json.js';
import { RefundObject } from '../payments/refund.json.js';
import type { EventType } from './event-types.js';

/** The resource each family of events carries in `data.object`: `order.paid` an order, `refund.failed` a refund… */
export const EVENT_OBJECTS = { order: OrderObject, payment: PaymentObject, refund: RefundObject, message: MessageObject } as const;

export type EventFamily<Type extends EventType> = Type extends `${infer Family extends keyof typeof EVENT_OBJECTS}.${string}`
  ? Family
  : never;

/** What a webhook endpoint receives for one event type (webhookBody in event.json.ts writes it). */
export function webhookPayloadSchema<Type extends EventType>(type: Type) {
  const family = type.slice(0, type.indexOf('.')) as EventFamily<Type>;
  return z.object({
    id: z.string().describe('The event’s id (`evt_…`), also sent as `webhook-id`: the same on every retry, so dedupe on it'),
    type: z.literal(type),
    timestamp: z.string().describe('When the event happened (ISO 8601); `webhook-timestamp` is when this attempt was signed'),
    data: z.object({
      object: EVENT_OBJECTS[family],
      previous_attributes: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('The fields that changed, with their values before the change'),
    }),
  });
}

export type WebhookPayload<Type extends EventType> = z.output<ReturnType<typeof webhookPayloadSchema<Type>>>;
