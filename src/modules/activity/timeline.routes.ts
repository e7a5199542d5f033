import { defineRoute, type RouteSpec } from '../../server/route.js';
import { listSchema, scopeOf } from '../../server/scope.js';
import { timelineEntryJson, TimelineEntryObject } from './activity.json.js';
import type { OrderTimeline } from './order-timeline.js';

export function timelineRoutes(timeline: OrderTimeline): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/orders/:id/timeline',
      operationId: 'getOrderTimeline',
      summary:
        'The story of an order, oldest first: API calls, provider calls and notifications, payment transitions with their cause, events, webhook deliveries and messages',
      tag: 'Orders',
      params: { id: 'The order’s id (`ord_…`)' },
      responses: { 200: { description: 'The timeline', schema: listSchema(TimelineEntryObject) } },
      handler: async (ctx, { params }) => {
        const { data, hasMore } = await timeline.forOrder(scopeOf(ctx), params.id!);
        ctx.body = { object: 'list', data: data.map(timelineEntryJson), has_more: hasMore };
      },
    }),
  ];
}
