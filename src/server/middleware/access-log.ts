import type { Next } from 'koa';
import type { ActivityLog } from '../../modules/activity/activity-log.js';
import type { Metrics } from '../../modules/metrics/metrics.js';
import type { BaasContext } from '../context.js';
import { requestActivity } from '../request-activity.js';

/**
 * One structured line per request, its row in the activity log and its count in the metrics,
 * written after the error handler has set the final status.
 */
export function accessLog(activity: ActivityLog, metrics?: Metrics) {
  return async (ctx: BaasContext, next: Next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const level = ctx.status >= 500 ? 'error' : ctx.status >= 400 ? 'warn' : 'info';
      const route = matchedRoute(ctx);
      ctx.state.log[level](
        { method: ctx.method, path: ctx.path, route, status: ctx.status, duration_ms: Math.round(durationMs * 10) / 10 },
        'request',
      );
      metrics?.observeRequest(ctx.method, route, ctx.status, durationMs);
      const entry = activity.enabled ? requestActivity(ctx, route, durationMs) : null;
      if (entry) activity.record(entry);
    }
  };
}

/** The route pattern (/v1/orders/:id), not the path, so logs and metrics group by endpoint. */
function matchedRoute(ctx: BaasContext): string | null {
  const route = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
  return typeof route === 'string' ? route : null;
}
