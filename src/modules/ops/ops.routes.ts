import { z } from 'zod';
import { pendingMigrations } from '../../db/migrate.js';
import type { Orm } from '../../db/orm.js';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { VERSION } from '../../shared/package-info.js';
import { unauthenticated } from '../../shared/errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { timingSafeEqual } from 'node:crypto';

export interface OpsDeps {
  orm: Orm;
  /** False once shutdown has begun, so load balancers stop sending traffic first. */
  accepting: () => boolean;
  openApi: () => object;
  startedAt: Date;
  metrics: Metrics;
  metricsToken?: string;
}

const Health = z.object({ status: z.literal('ok'), version: z.string() });
const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.string(), migrations: z.string(), accepting: z.boolean() }),
});

export function opsRoutes(deps: OpsDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      summary: 'The process is up',
      tag: 'Operations',
      responses: { 200: { description: 'Up', schema: Health } },
      handler: (ctx) => {
        ctx.body = { status: 'ok', version: VERSION };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary: 'The database is reachable and migrated, and the server accepts work',
      tag: 'Operations',
      responses: { 200: { description: 'Ready', schema: Readiness }, 503: { description: 'Not ready', schema: Readiness } },
      handler: async (ctx) => {
        const checks = { database: 'ok', migrations: 'ok', accepting: deps.accepting() };
        try {
          await deps.orm.em.getConnection().execute('select 1');
          const pending = await pendingMigrations(deps.orm);
          if (pending.length) checks.migrations = `pending: ${pending.join(', ')}`;
        } catch (error) {
          checks.database = `unreachable: ${(error as Error).message}`;
        }
        const ready = checks.database === 'ok' && checks.migrations === 'ok' && checks.accepting;
        ctx.status = ready ? 200 : 503;
        ctx.body = { status: ready ? 'ready' : 'not_ready', checks };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary:
        'Prometheus metrics: requests by route and status with latency, provider call latency and errors, webhook deliveries by outcome, message status changes by channel, job queue depth and age by type, process metrics; behind BAAS_METRICS_TOKEN when it is set',
      tag: 'Operations',
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain', schema: z.string() } },
      errors: ['metrics_token_invalid'],
      handler: async (ctx) => {
        if (deps.metricsToken && !sameSecret(/^Bearer (.+)$/i.exec(ctx.get('authorization'))?.[1], deps.metricsToken)) {
          throw unauthenticated('metrics_token_invalid', 'GET /metrics wants Authorization: Bearer <BAAS_METRICS_TOKEN>.');
        }
        ctx.type = deps.metrics.contentType;
        ctx.body = await deps.metrics.text();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This document',
      tag: 'Operations',
      responses: { 200: { description: 'OpenAPI 3.1 document' } },
      handler: (ctx) => {
        ctx.body = deps.openApi();
      },
    }),
  ];
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
