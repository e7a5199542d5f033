import type { Next } from 'koa';
import { requestFingerprint, type IdempotencyService } from '../../modules/idempotency/idempotency.service.js';
import type { BaasContext } from '../context.js';
import { errorBody, toAppError } from '../error-response.js';

/**
 * `Idempotency-Key` on any authenticated POST: the first response (success or error) is stored
 * and replayed to retries of the same request with `Idempotent-Replayed: true`.
 */
export function idempotency(service: IdempotencyService) {
  return async (ctx: BaasContext, next: Next) => {
    const key = ctx.get('Idempotency-Key');
    const auth = ctx.state.auth;
    if (ctx.method !== 'POST' || !key || !auth) return next();

    const begun = await service.begin(
      { storeId: auth.store.id, mode: auth.mode },
      key,
      requestFingerprint(ctx.method, ctx.path, ctx.request.body),
    );
    if (begun.outcome === 'replay') {
      ctx.status = begun.status;
      ctx.body = begun.body;
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }
    try {
      await next();
    } catch (error) {
      const appError = toAppError(error);
      await service.complete(begun.id, appError.status, errorBody(appError, ctx.state.requestId));
      throw error;
    }
    await service.complete(begun.id, ctx.status, ctx.body);
  };
}
