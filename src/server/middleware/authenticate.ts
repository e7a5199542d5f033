import type { Next } from 'koa';
import type { KeyService } from '../../modules/keys/key.service.js';
import type { KeyUsage } from '../../modules/keys/key-usage.js';
import type { FailedAuthLimiter } from '../../modules/limits/failed-auth.js';
import type { TokenBuckets } from '../../modules/limits/token-bucket.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, tooManyRequests, unauthenticated } from '../../shared/errors.js';
import type { BaasContext } from '../context.js';
import { traceAlso } from '../../modules/activity/trace.js';

export interface AuthDeps {
  keys: KeyService;
  usage: KeyUsage;
  failures: FailedAuthLimiter;
  rateLimit: TokenBuckets;
  clock: Clock;
}

/**
 * Runs before routing on everything under /v1: no valid key, no answer about what exists
 * (401 on any path). Also where per-key rate limits and the brake on key guessing live.
 */
export function authenticate(deps: AuthDeps) {
  return async (ctx: BaasContext, next: Next) => {
    if (ctx.path !== '/v1' && !ctx.path.startsWith('/v1/')) return next();
    const now = deps.clock.now();
    const address = ctx.request.ip;
    const blockedMs = deps.failures.blockedFor(address, now.getTime());
    if (blockedMs > 0)
      throw tooManyRequests('too_many_failed_authentications', 'Too many requests with invalid API keys from this address.', blockedMs);

    const header = ctx.get('Authorization');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    try {
      if (!header) throw unauthenticated('api_key_missing', 'No API key provided. Send it as: Authorization: Bearer sk_test_…');
      if (!match) throw unauthenticated('api_key_invalid', 'Invalid API key provided.');
      ctx.state.auth = await deps.keys.authenticate(match[1]!);
    } catch (error) {
      if (error instanceof AppError && error.status === 401) {
        deps.failures.recordFailure(address, now.getTime());
        // The presented key is never logged; its shape is enough to diagnose a client bug.
        ctx.state.log.warn({ address, code: error.code, presented: describe(match?.[1]) }, 'authentication failed');
      }
      throw error;
    }

    const { keyId } = ctx.state.auth;
    // store_id comes with every line from the trace; the key only matters to this request's lines.
    traceAlso({ storeId: ctx.state.auth.store.id, livemode: ctx.state.auth.mode === 'live' });
    ctx.state.log = ctx.state.log.child({ key_id: keyId });
    deps.usage.touch(keyId, now);
    const verdict = deps.rateLimit.take(keyId, now.getTime());
    if (!verdict.allowed)
      throw tooManyRequests('rate_limit_exceeded', 'Too many requests for this API key; slow down and retry.', verdict.retryAfterMs);
    await next();
  };
}

function describe(key: string | undefined): string {
  if (!key) return 'none';
  const kind = /^(sk|pk)_(test|live)_/.exec(key)?.[0] ?? 'unrecognised prefix';
  return `${kind} (${key.length} chars)`;
}
