import type { z } from 'zod';
import { CreateMessageInput } from '../../modules/messages/message-input.js';
import { CreateOrderInput } from '../../modules/orders/order-input.js';
import { CreateCheckoutInput } from '../../modules/payments/checkout-input.js';
import { CreatePaymentInput, CreateRefundInput } from '../../modules/payments/payment-input.js';
import { CreateEndpointInput, RotateSecretInput, UpdateEndpointInput } from '../../modules/webhooks/webhook-endpoint-input.js';
import { Redeliver } from '../../modules/webhooks/webhook.routes.js';
import { ORDER_EXAMPLE } from './object-examples.js';

const example = <Schema extends z.ZodType>(schema: Schema, value: z.input<Schema>): [z.ZodType, unknown] => [schema, value];

/** A typical body for each request that takes one. */
export const REQUEST_EXAMPLES = new Map<z.ZodType, unknown>([
  example(CreateOrderInput, {
    external_id: 'web-1042',
    currency: 'BRL',
    items: [{ sku: 'TSHIRT-M', name: 'Camiseta', quantity: 2, unit_amount: 4990 }],
    shipping_amount: 1500,
    customer: { email: 'ana@example.com', name: 'Ana Souza', phone: '+5511987654321', locale: 'pt-BR' },
    notify: { email: true, whatsapp: true },
    metadata: { cart: 'c_77' },
  }),
  example(CreateCheckoutInput, { success_url: 'https://shop.example/thanks', failure_url: 'https://shop.example/cart' }),
  example(CreatePaymentInput, {
    order_id: ORDER_EXAMPLE.id,
    method: 'card',
    token: 'ff8080814c11e237014c1ff593b57b4d',
    payment_method_id: 'master',
    installments: 1,
    payer: { email: 'ana@example.com', identification: { type: 'CPF', number: '19119119100' } },
  }),
  example(CreateRefundInput, { amount: 1500, reason: 'Frete devolvido' }),
  example(CreateEndpointInput, {
    url: 'https://shop.example/hooks',
    enabled_events: ['payment.*', 'order.paid'],
    description: 'Loja principal',
  }),
  example(UpdateEndpointInput, { status: 'enabled' }),
  example(RotateSecretInput, { expire_current_in: 86400 }),
  example(Redeliver, { endpoint_id: 'we_01jp3h1a2b3c4d5e6f7g8h9j0k' }),
  example(CreateMessageInput, { channel: 'email', template: 'order_paid', locale: 'pt-BR', order_id: ORDER_EXAMPLE.id }),
]);
