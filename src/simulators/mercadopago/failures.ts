import type { Context, Next } from 'koa';
import { errors } from './errors.js';
import type { FailureRule, SimulatorState } from './state.js';

/**
 * Failure injection for the next N calls matching method + path prefix: MP's flaky 500s,
 * a 429 with Retry-After, or a hang long enough for the client to time out. After a hang the
 * request is processed anyway by default, which is the dangerous real case (the client never
 * saw the payment it created), or the connection is cut.
 */
export function injectFailures(state: SimulatorState, hangs: Set<NodeJS.Timeout>) {
  return async (ctx: Context, next: Next) => {
    const rule = take(state, ctx.method, ctx.path);
    if (!rule) return next();
    if (rule.mode === '500') throw errors.internal();
    if (rule.mode === '404') throw errors.notFound('Payment');
    if (rule.mode === '429') {
      ctx.set('Retry-After', String(rule.retryAfterSeconds));
      throw errors.tooManyRequests();
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        hangs.delete(timer);
        resolve();
      }, rule.hangMs);
      timer.unref();
      hangs.add(timer);
    });
    if (rule.afterHang === 'abort') {
      ctx.req.socket.destroy();
      return;
    }
    await next();
  };
}

function take(state: SimulatorState, method: string, path: string): FailureRule | undefined {
  const index = state.failures.findIndex((rule) => (rule.method === '*' || rule.method === method) && path.startsWith(rule.pathPrefix));
  const rule = state.failures[index];
  if (!rule) return undefined;
  if (--rule.remaining <= 0) state.failures.splice(index, 1);
  return rule;
}
