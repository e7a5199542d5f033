import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { scopeOf } from '../../server/scope.js';
import { MONTH_PATTERN, parsePeriod } from './usage-period.js';
import { UsageObject } from './usage.json.js';
import type { UsageService } from './usage.service.js';

const UsageQuery = z.strictObject({
  month: z
    .string()
    .regex(MONTH_PATTERN, 'must be a month such as 2026-11')
    .optional()
    .describe('The calendar month, in the store’s time zone (default: the current one)'),
});

export function usageRoutes(usage: UsageService): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/usage',
      operationId: 'getUsage',
      summary:
        'What this store used in a month, in the key’s mode: API requests, orders, payments and approved volume, refunds, webhook deliveries, messages, notifications',
      tag: 'Stores',
      query: UsageQuery,
      responses: { 200: { description: 'The store’s usage', schema: UsageObject } },
      handler: async (ctx, { query }) => {
        ctx.body = await usage.forScope(scopeOf(ctx), parsePeriod(query));
      },
    }),
  ];
}
