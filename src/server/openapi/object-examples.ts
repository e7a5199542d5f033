import type { z } from 'zod';
import { EventObject } from '../../modules/events/event.json.js';
import { MessageObject } from '../../modules/messages/message.json.js';
import { OrderObject } from '../../modules/orders/order.json.js';
import { CheckoutObject } from '../../modules/payments/checkout.json.js';
import { PaymentObject } from '../../modules/payments/payment.json.js';
import { RefundObject } from '../../modules/payments/refund.json.js';
import { PublicConfig, StoreObject } from '../../modules/stores/store.routes.js';
import { DeliveryObject, EndpointObject } from '../../modules/webhooks/webhook-endpoint.json.js';

const CREATED = '2026-03-12T14:03:21.512Z';
const UPDATED = '2026-03-12T14:05:02.118Z';

export const ORDER_EXAMPLE = {
  id: 'ord_01jp3k7d2f8q9r4s5t6v7w8x9y',
  object: 'order',
  status: 'paid',
  external_id: 'web-1042',
  currency: 'BRL',
  items: [{ sku: 'TSHIRT-M', name: 'Camiseta', quantity: 2, unit_amount: 4990, amount: 9980 }],
  amount_subtotal: 9980,
  shipping_amount: 1500,
  amount_total: 11480,
  amount_paid: 11480,
  amount_refunded: 0,
  customer: { email: 'ana@example.com', name: 'Ana Souza', phone: '+5511987654321', locale: 'pt-BR' },
  notify: { email: true, whatsapp: true },
  metadata: { cart: 'c_77' },
  livemode: false,
  created_at: CREATED,
  updated_at: UPDATED,
} satisfies z.output<typeof OrderObject>;

const PAYMENT_EXAMPLE = {
  id: 'pay_01jp3k9a4b5c6d7e8f9g0h1j2k',
  object: 'payment',
  order_id: ORDER_EXAMPLE.id,
  status: 'approved',
  status_detail: 'accredited',
  amount: 11480,
  amount_refunded: 0,
  currency: 'BRL',
  method: 'card',
  installments: 1,
  provider: 'mercadopago',
  provider_payment_id: '1319876543',
  provider_status: 'approved',
  provider_status_detail: 'accredited',
  pix: null,
  livemode: false,
  created_at: CREATED,
  updated_at: UPDATED,
} satisfies z.output<typeof PaymentObject>;

const REFUND_EXAMPLE = {
  id: 're_01jp3m2n3p4q5r6s7t8v9w0x1y',
  object: 'refund',
  payment_id: PAYMENT_EXAMPLE.id,
  amount: 1500,
  currency: 'BRL',
  status: 'succeeded',
  reason: 'Frete devolvido',
  provider_refund_id: '2270564837',
  livemode: false,
  created_at: UPDATED,
} satisfies z.output<typeof RefundObject>;

const CHECKOUT_EXAMPLE = {
  id: 'chk_01jp3k8m9n0p1q2r3s4t5v6w7x',
  object: 'checkout',
  order_id: ORDER_EXAMPLE.id,
  url: 'https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=123456789-5b1e0d2a',
  provider: 'mercadopago',
  provider_preference_id: '123456789-5b1e0d2a',
  expires_at: '2026-03-13T14:03:21.512Z',
  livemode: false,
  created_at: CREATED,
} satisfies z.output<typeof CheckoutObject>;

const EVENT_EXAMPLE = {
  id: 'evt_01jp3ka1b2c3d4e5f6g7h8j9k0',
  object: 'event',
  type: 'order.paid',
  created_at: UPDATED,
  livemode: false,
  request_id: null,
  data: { object: ORDER_EXAMPLE, previous_attributes: { status: 'pending', amount_paid: 0 } },
} satisfies z.output<typeof EventObject>;

const ENDPOINT_EXAMPLE = {
  id: 'we_01jp3h1a2b3c4d5e6f7g8h9j0k',
  object: 'webhook_endpoint',
  url: 'https://shop.example/hooks',
  description: 'Loja principal',
  enabled_events: ['payment.*', 'order.paid'],
  status: 'enabled',
  disabled_reason: null,
  livemode: false,
  last_success_at: UPDATED,
  failing_since: null,
  created_at: CREATED,
  updated_at: CREATED,
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
} satisfies z.output<typeof EndpointObject>;

const DELIVERY_EXAMPLE = {
  id: 'wd_01jp3kb2c3d4e5f6g7h8j9k0m1',
  object: 'webhook_delivery',
  endpoint_id: ENDPOINT_EXAMPLE.id,
  event_id: EVENT_EXAMPLE.id,
  attempt: 1,
  trigger: 'scheduled',
  status: 'succeeded',
  status_code: 200,
  duration_ms: 42,
  response_excerpt: 'ok',
  error_class: null,
  error: null,
  next_attempt_at: null,
  started_at: UPDATED,
  livemode: false,
} satisfies z.output<typeof DeliveryObject>;

const MESSAGE_EXAMPLE = {
  id: 'msg_01jp3kc3d4e5f6g7h8j9k0m1n2',
  object: 'message',
  channel: 'email',
  to: 'ana@example.com',
  template: 'order_paid',
  locale: 'pt-BR',
  status: 'sent',
  order_id: ORDER_EXAMPLE.id,
  subject: 'Pagamento confirmado',
  text: 'Olá Ana, recebemos o pagamento do seu pedido web-1042: R$ 114,80.',
  attempts: 1,
  provider_message_id: '<msg_01jp3kc3d4e5f6g7h8j9k0m1n2@shop.example>',
  error: null,
  livemode: false,
  sent_at: UPDATED,
  delivered_at: null,
  read_at: null,
  failed_at: null,
  created_at: UPDATED,
  updated_at: UPDATED,
} satisfies z.output<typeof MessageObject>;

const STORE_EXAMPLE = {
  id: 'sto_01jp3g0a1b2c3d4e5f6g7h8j9k',
  object: 'store',
  name: 'Loja da Ana',
  currency: 'BRL',
  locale: 'pt-BR',
  timezone: 'America/Sao_Paulo',
  livemode: false,
} satisfies z.output<typeof StoreObject>;

const PUBLIC_CONFIG_EXAMPLE = {
  mercadopago_public_key: 'TEST-4f2b1c9e-8d7a-4e6b-9c5d-3a2f1e0d9c8b',
  currency: 'BRL',
  locale: 'pt-BR',
} satisfies z.output<typeof PublicConfig>;

/** One realistic instance of each object the API answers with; shown wherever the object appears. */
export const OBJECT_EXAMPLES = new Map<z.ZodType, unknown>([
  [OrderObject, ORDER_EXAMPLE],
  [PaymentObject, PAYMENT_EXAMPLE],
  [RefundObject, REFUND_EXAMPLE],
  [CheckoutObject, CHECKOUT_EXAMPLE],
  [EventObject, EVENT_EXAMPLE],
  [EndpointObject, ENDPOINT_EXAMPLE],
  [DeliveryObject, DELIVERY_EXAMPLE],
  [MessageObject, MESSAGE_EXAMPLE],
  [StoreObject, STORE_EXAMPLE],
  [PublicConfig, PUBLIC_CONFIG_EXAMPLE],
]);
