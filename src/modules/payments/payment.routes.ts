import { PROVIDER_ERRORS } from '../../server/openapi/error-codes.js';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { listJson, listSchema, scopeOf } from '../../server/scope.js';
import { CreatePaymentInput, CreateRefundInput, ListPaymentsQuery } from './payment-input.js';
import { refundJson } from './refund.entity.js';
import { RefundObject } from './refund.json.js';
import { paymentJson, PaymentObject } from './payment.json.js';
import type { PaymentService } from './payment.service.js';

export function paymentRoutes(payments: PaymentService): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/payments',
      operationId: 'createPayment',
      summary: 'Pay an order by card (a Bricks token) or Pix; the answer carries the resulting status',
      tag: 'Payments',
      body: CreatePaymentInput,
      errors: ['resource_missing', 'order_not_payable', 'invalid_amount', ...PROVIDER_ERRORS],
      responses: { 201: { description: 'The payment', schema: PaymentObject } },
      handler: async (ctx, { body }) => {
        ctx.status = 201;
        ctx.body = paymentJson(await payments.create(scopeOf(ctx), body));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/payments',
      operationId: 'listPayments',
      summary: 'List payments, newest first',
      tag: 'Payments',
      query: ListPaymentsQuery,
      responses: { 200: { description: 'A page of payments', schema: listSchema(PaymentObject) } },
      handler: async (ctx, { query }) => {
        ctx.body = listJson(await payments.list(scopeOf(ctx), query), paymentJson);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/payments/:id',
      operationId: 'getPayment',
      summary: 'Retrieve a payment',
      tag: 'Payments',
      params: { id: 'The payment’s id (`pay_…`)' },
      responses: { 200: { description: 'The payment', schema: PaymentObject } },
      handler: async (ctx, { params }) => {
        ctx.body = paymentJson(await payments.get(scopeOf(ctx), params.id!));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/payments/:id/refunds',
      operationId: 'refundPayment',
      summary: 'Refund an approved payment, in full (no amount) or in part; several partial refunds may add up to it',
      tag: 'Payments',
      params: { id: 'The payment’s id (`pay_…`)' },
      body: CreateRefundInput,
      errors: ['payment_not_refundable', 'payment_fully_refunded', 'refund_exceeds_remaining', 'invalid_amount', ...PROVIDER_ERRORS],
      responses: { 201: { description: 'The refund', schema: RefundObject } },
      handler: async (ctx, { params, body }) => {
        ctx.status = 201;
        ctx.body = refundJson(await payments.refund(scopeOf(ctx), params.id!, body));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/payments/:id/sync',
      operationId: 'syncPayment',
      summary: 'Re-read the payment from Mercado Pago now and apply it',
      tag: 'Payments',
      params: { id: 'The payment’s id (`pay_…`)' },
      errors: PROVIDER_ERRORS,
      responses: { 200: { description: 'The payment as it now stands', schema: PaymentObject } },
      handler: async (ctx, { params }) => {
        ctx.body = paymentJson(await payments.sync(scopeOf(ctx), params.id!));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/payments/:id/cancel',
      operationId: 'cancelPayment',
      summary: 'Cancel a pending, in-process or authorized payment',
      tag: 'Payments',
      params: { id: 'The payment’s id (`pay_…`)' },
      errors: ['payment_not_cancellable', 'payment_outcome_unknown', ...PROVIDER_ERRORS],
      responses: { 200: { description: 'The cancelled payment', schema: PaymentObject } },
      handler: async (ctx, { params }) => {
        ctx.body = paymentJson(await payments.cancel(scopeOf(ctx), params.id!));
      },
    }),
  ];
}
