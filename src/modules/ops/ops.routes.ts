import { z } from 'zod';
import { pendingMigrations } from '../../db/migrate.js';
import type { Orm } from '../../db/orm.js';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { VERSION } from '../../shared/package-info.js';

export interface OpsDeps {
  orm: Orm;
  /** False once shutdown has begun, so load balancers stop sending traffic first. */
  accepting: () => boolean;
  openApi: () => object;
  startedAt: Date;
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
      summary: 'Prometheus metrics (process basics for now; request and queue metrics come with the ops work)',
      tag: 'Operations',
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain', schema: z.string() } },
      handler: (ctx) => {
        const memory = process.memoryUsage();
        ctx.type = 'text/plain; version=0.0.4';
        ctx.body = [
          '# HELP baas_build_info Version of the running baas.',
          '# TYPE baas_build_info gauge',
          `baas_build_info{version="${VERSION}",node="${process.version}"} 1`,
          '# HELP process_start_time_seconds Start time of the process since the Unix epoch.',
          '# TYPE process_start_time_seconds gauge',
          `process_start_time_seconds ${Math.floor(deps.startedAt.getTime() / 1000)}`,
          '# HELP process_resident_memory_bytes Resident memory size in bytes.',
          '# TYPE process_resident_memory_bytes gauge',
          `process_resident_memory_bytes ${memory.rss}`,
          '',
        ].join('\n');
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
