import { JobSchema } from '../modules/jobs/job.entity.js';
import { ApiKeySchema } from '../modules/keys/api-key.entity.js';
import { EventSchema } from '../modules/events/event.entity.js';
import { OrderSchema } from '../modules/orders/order.entity.js';
import { PaymentSchema, PaymentTransitionSchema } from '../modules/payments/payment.entity.js';
import { RefundSchema } from '../modules/payments/refund.entity.js';
import { CheckoutSchema } from '../modules/payments/checkout.entity.js';
import { ProviderNotificationSchema } from '../modules/notifications/provider-notification.entity.js';
import { WebhookDeliverySchema } from '../modules/webhooks/webhook-delivery.entity.js';
import { WebhookEndpointSchema } from '../modules/webhooks/webhook-endpoint.entity.js';
import { IdempotencyKeySchema } from '../modules/idempotency/idempotency-key.entity.js';
import { StoreCredentialSchema } from '../modules/stores/store-credential.entity.js';
import { StoreSchema } from '../modules/stores/store.entity.js';
import { MessageSchema } from '../modules/messages/message.entity.js';
import { ChannelPauseSchema } from '../modules/messages/channel-pause.entity.js';
import { ActivitySchema } from '../modules/activity/activity.entity.js';
import { UsageDaySchema } from '../modules/usage/usage-day.entity.js';
import { CronTickSchema } from '../modules/jobs/cron-tick.entity.js';

/** Every entity the ORM knows; a module adds its own here. */
export const ENTITIES = [
  StoreSchema,
  StoreCredentialSchema,
  ApiKeySchema,
  IdempotencyKeySchema,
  JobSchema,
  OrderSchema,
  EventSchema,
  WebhookEndpointSchema,
  WebhookDeliverySchema,
  PaymentSchema,
  PaymentTransitionSchema,
  RefundSchema,
  CheckoutSchema,
  ProviderNotificationSchema,
  MessageSchema,
  ChannelPauseSchema,
  ActivitySchema,
  UsageDaySchema,
  CronTickSchema,
];
