import { defineRoute, type RouteSpec } from '../../server/route.js';
import { listJson, listSchema, scopeOf } from '../../server/scope.js';
import { CreateOrderInput, ListOrdersQuery } from './order-input.js';
import { orderJson, OrderObject } from './order.json.js';
import type { OrderService } from './order.service.js';

export function orderRoutes(orders: OrderService): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/orders',
      operationId: 'createOrder',
      summary: 'Create an order; totals are computed from the items',
      tag: 'Orders',
      body: CreateOrderInput,
      errors: ['currency_unsupported', 'amount_too_large', 'external_id_exists'],
      responses: { 201: { description: 'The new order', schema: OrderObject } },
      handler: async (ctx, { body }) => {
        ctx.status = 201;
        ctx.body = orderJson(await orders.create(scopeOf(ctx), body));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/orders',
      operationId: 'listOrders',
      summary: 'List orders, newest first',
      tag: 'Orders',
      query: ListOrdersQuery,
      responses: { 200: { description: 'A page of orders', schema: listSchema(OrderObject) } },
      handler: async (ctx, { query }) => {
        ctx.body = listJson(await orders.list(scopeOf(ctx), query), orderJson);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/orders/:id',
      operationId: 'getOrder',
      summary: 'Retrieve an order',
      tag: 'Orders',
      params: { id: 'The order’s id (`ord_…`)' },
      responses: { 200: { description: 'The order', schema: OrderObject } },
      handler: async (ctx, { params }) => {
        ctx.body = orderJson(await orders.get(scopeOf(ctx), params.id!));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/orders/:id/cancel',
      operationId: 'cancelOrder',
      summary: 'Cancel an order that has no approved payment',
      tag: 'Orders',
      params: { id: 'The order’s id (`ord_…`)' },
      errors: ['order_not_cancellable'],
      responses: { 200: { description: 'The cancelled order', schema: OrderObject } },
      handler: async (ctx, { params }) => {
        ctx.body = orderJson(await orders.cancel(scopeOf(ctx), params.id!));
      },
    }),
  ];
}
