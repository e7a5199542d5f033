import type { z } from 'zod';
import { EventObject } from '../../modules/events/event.json.js';
import { MessageObject } from '../../modules/messages/message.json.js';
import { OrderObject } from '../../modules/orders/order.json.js';
import { CheckoutObject } from '../../modules/payments/checkout.json.js';
import { PaymentObject } from '../../modules/payments/payment.json.js';
import { RefundObject } from '../../modules/payments/refund.json.js';
import { PublicConfig, StoreObject } from '../../modules/stores/store.routes.js';
import { DeliveryObject, EndpointObject } from '../../modules/webhooks/webhook-endpoint.json.js';
import { ErrorSchema } from './error-schema.js';

/** Schemas that get a name in components.schemas and are referenced wherever they appear. */
export const COMPONENT_NAMES = new Map<z.ZodType, string>([
  [ErrorSchema, 'Error'],
  [OrderObject, 'Order'],
  [PaymentObject, 'Payment'],
  [RefundObject, 'Refund'],
  [CheckoutObject, 'Checkout'],
  [EventObject, 'Event'],
  [EndpointObject, 'WebhookEndpoint'],
  [DeliveryObject, 'WebhookDelivery'],
  [MessageObject, 'Message'],
  [StoreObject, 'Store'],
  [PublicConfig, 'PublicConfig'],
]);

export const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
