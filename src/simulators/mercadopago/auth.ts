import type { Context, Next } from 'koa';
import type { SimRequestState } from './context.js';
import { errors } from './errors.js';
import { collectorIdOf } from './state.js';

/**
 * `Authorization: Bearer <token>`, any non-empty token: the token only names the simulated
 * seller (payments are scoped to it, as MP scopes them to the collector). Card tokens may come
 * from the browser with `?public_key=` instead, as Bricks sends them.
 */
export function bearerAuth() {
  return async (ctx: Context, next: Next) => {
    const state = ctx.state as SimRequestState;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
    const publicKey = ctx.path.startsWith('/v1/card_tokens') && typeof ctx.query.public_key === 'string' ? ctx.query.public_key : '';
    const token = match?.[1] ?? publicKey;
    if (!token) throw errors.unauthorized();
    state.accessToken = token;
    state.collectorId = collectorIdOf(token);
    await next();
  };
}

/** Paths that act as MP's API; the Checkout Pro page and the ticket page are for browsers. */
export function needsAuth(path: string): boolean {
  return path.startsWith('/v1/') || path.startsWith('/checkout/preferences');
}
