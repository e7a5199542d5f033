import { z } from 'zod';
import type { Page } from '../db/paginate.js';
import type { Scope } from '../modules/tenancy/scope.js';
import type { BaasContext } from './context.js';

/** The caller's store and mode, as the authentication middleware established them. */
export function scopeOf(ctx: BaasContext): Scope {
  const auth = ctx.state.auth;
  if (!auth) throw new Error(`route ${ctx.path} reached without authentication`);
  return { storeId: auth.store.id, mode: auth.mode, requestId: ctx.state.requestId };
}

/** The contract's list envelope. */
export function listJson<T, J>(page: Page<T>, toJson: (item: T) => J) {
  return { object: 'list' as const, data: page.data.map(toJson), has_more: page.hasMore };
}

export function listSchema(item: z.ZodType) {
  return z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });
}
