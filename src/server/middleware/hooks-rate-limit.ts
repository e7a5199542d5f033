import type { Next } from 'koa';
import type { TokenBuckets } from '../../modules/limits/token-bucket.js';
import type { Clock } from '../../shared/clock.js';
import type { BaasContext } from '../context.js';
import { tooManyRequests } from '../../shared/errors.js';

const HOOK_PATH = /^\/hooks\/[^/]+\/([^/]+)/;

/**
 * Inbound provider notifications (/hooks/<provider>/<storeId>) get their own bucket per store:
 * a storm of Mercado Pago retries for one store neither starves that store's API calls nor
 * another store's notifications. Providers retry on 429, so nothing is lost.
 */
export function hooksRateLimit(buckets: TokenBuckets, clock: Clock) {
  return async (ctx: BaasContext, next: Next) => {
    const storeId = HOOK_PATH.exec(ctx.path)?.[1];
    if (storeId) {
      const verdict = buckets.take(storeId, clock.now().getTime());
      if (!verdict.allowed)
        throw tooManyRequests('rate_limit_exceeded', 'Too many notifications for this store; retry later.', verdict.retryAfterMs);
    }
    await next();
  };
}
