import type { Next } from 'koa';
import { notFound } from '../../shared/errors.js';
import type { BaasContext } from '../context.js';
import { errorBody, toAppError } from '../error-response.js';

/** Every failure leaves in the contract's error shape; bugs are logged, never shown. */
export function errorHandler() {
  return async (ctx: BaasContext, next: Next) => {
    try {
      await next();
      // Koa and the router answer unmatched paths and methods with a bare status.
      if (ctx.body == null && ctx.status === 404) throw notFound('route_not_found', `No route ${ctx.method} ${ctx.path}.`);
      if (ctx.body == null && ctx.status >= 400) throw toAppError({ status: ctx.status });
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.status >= 500) ctx.state.log.error({ err: thrown }, 'request failed');
      ctx.status = error.status;
      ctx.set(error.headers);
      ctx.body = errorBody(error, ctx.state.requestId);
    }
  };
}
