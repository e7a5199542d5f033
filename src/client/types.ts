/**
 * The API's shapes, taken from the zod schemas the server validates and documents with: a
 * field added there is here too. Type-only imports, so none of the server's code comes along.
 */
import type { z } from 'zod';
import type { EventType } from '../modules/events/event-types.js';
import type { EventObject, ListEventsQuery } from '../modules/events/event.json.js';
import type { WebhookPayload } from '../modules/events/webhook-payload.js';
import type { CreateMessageInput, ListMessagesQuery } from '../modules/messages/message-input.js';
import type { MessageObject } from '../modules/messages/message.json.js';
import type { CreateOrderInput, ListOrdersQuery } from '../modules/orders/order-input.js';
import type { OrderObject } from '../modules/orders/order.json.js';
import type { CreateCheckoutInput } from '../modules/payments/checkout-input.js';
import type { CheckoutObject } from '../modules/payments/checkout.json.js';
import type { CreatePaymentInput, CreateRefundInput, ListPaymentsQuery } from '../modules/payments/payment-input.js';
import type { PaymentObject } from '../modules/payments/payment.json.js';
import type { RefundObject } from '../modules/payments/refund.json.js';
import type { PublicConfig as PublicConfigSchema, StoreObject } from '../modules/stores/store.routes.js';
import type {
  CreateEndpointInput,
  ListDeliveriesQuery,
  PageQuery,
  RotateSecretInput,
  UpdateEndpointInput,
} from '../modules/webhooks/webhook-endpoint-input.js';
import type { DeletedEndpoint, DeliveryObject, EndpointObject } from '../modules/webhooks/webhook-endpoint.json.js';
import type { Redeliver, Redelivery as RedeliverySchema } from '../modules/webhooks/webhook.routes.js';

/** What a list query accepts: every filter and the page parameters, all optional. */
type QueryOf<Schema extends z.ZodType> = Partial<z.output<Schema>>;

export type { EventType };

export type Order = z.output<typeof OrderObject>;
export type CreateOrderParams = z.input<typeof CreateOrderInput>;
export type ListOrdersParams = QueryOf<typeof ListOrdersQuery>;

export type Checkout = z.output<typeof CheckoutObject>;
export type CreateCheckoutParams = z.input<typeof CreateCheckoutInput>;

export type Payment = z.output<typeof PaymentObject>;
export type CreatePaymentParams = z.input<typeof CreatePaymentInput>;
export type ListPaymentsParams = QueryOf<typeof ListPaymentsQuery>;
export type Refund = z.output<typeof RefundObject>;
export type CreateRefundParams = z.input<typeof CreateRefundInput>;

export type Event = z.output<typeof EventObject>;
export type ListEventsParams = QueryOf<typeof ListEventsQuery>;
export type RedeliverParams = z.input<typeof Redeliver>;
export type Redelivery = z.output<typeof RedeliverySchema>;

export type WebhookEndpoint = z.output<typeof EndpointObject>;
export type CreateWebhookEndpointParams = z.input<typeof CreateEndpointInput>;
export type UpdateWebhookEndpointParams = z.input<typeof UpdateEndpointInput>;
export type RotateSecretParams = z.input<typeof RotateSecretInput>;
export type ListWebhookEndpointsParams = QueryOf<typeof PageQuery>;
export type DeletedWebhookEndpoint = z.output<typeof DeletedEndpoint>;
export type WebhookDelivery = z.output<typeof DeliveryObject>;
export type ListDeliveriesParams = QueryOf<typeof ListDeliveriesQuery>;

export type Message = z.output<typeof MessageObject>;
export type CreateMessageParams = z.input<typeof CreateMessageInput>;
export type ListMessagesParams = QueryOf<typeof ListMessagesQuery>;

export type Store = z.output<typeof StoreObject>;
export type PublicConfig = z.output<typeof PublicConfigSchema>;

/** The contract's list envelope. */
export interface List<Item> {
  object: 'list';
  data: Item[];
  has_more: boolean;
}

/** A verified webhook: narrowing on `type` types `data.object` (an order for `order.*`, a payment for `payment.*`…). */
export type WebhookEvent = { [Type in EventType]: WebhookPayload<Type> }[EventType];
