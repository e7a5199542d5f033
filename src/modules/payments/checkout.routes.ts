import { PROVIDER_ERRORS } from '../../server/openapi/error-codes.js';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { scopeOf } from '../../server/scope.js';
import { CreateCheckoutInput } from './checkout-input.js';
import { checkoutJson, CheckoutObject } from './checkout.json.js';
import type { CheckoutService } from './checkout.service.js';

export function checkoutRoutes(checkouts: CheckoutService): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/orders/:id/checkout',
      operationId: 'createCheckout',
      summary: 'Create a Mercado Pago Checkout Pro link for a pending order; payments made there arrive by notification',
      tag: 'Checkout',
      params: { id: 'The order’s id (`ord_…`)' },
      body: CreateCheckoutInput,
      errors: ['order_not_payable', 'invalid_expires_at', 'invalid_amount', ...PROVIDER_ERRORS],
      responses: { 201: { description: 'The checkout, with the URL to send the buyer to', schema: CheckoutObject } },
      handler: async (ctx, { params, body }) => {
        ctx.status = 201;
        ctx.body = checkoutJson(await checkouts.create(scopeOf(ctx), params.id!, body));
      },
    }),
  ];
}
