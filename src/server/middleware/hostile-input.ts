import type { Next } from 'koa';
import { invalidRequest } from '../../shared/errors.js';
import type { BaasContext } from '../context.js';

/** Deeper than any body we take (a WhatsApp status webhook, the deepest, nests 7 levels). */
export const MAX_BODY_DEPTH = 64;

/**
 * Refuses, before anything reads them, two inputs that failed as 500s:
 * - a NUL character (U+0000) in the path, the query or the body: no id, name or code of ours
 *   holds one, and PostgreSQL's text columns cannot store one: refused alike on both databases;
 * - a body nested deeper than MAX_BODY_DEPTH: valid JSON, but the recursive walks of it
 *   (validation, the idempotency fingerprint, log redaction) overflowed the call stack.
 */
export function refuseHostileInput() {
  return async (ctx: BaasContext, next: Next) => {
    const where = ctx.path.includes('%00') ? 'path' : ctx.querystring.includes('%00') ? 'query' : null;
    const body = where ? null : inspect(ctx.request.body);
    if (where || body === 'nul') {
      throw invalidRequest('parameter_invalid', `The ${where ?? 'body'} contains a NUL character (U+0000), which no field accepts.`);
    }
    if (body === 'deep') throw invalidRequest('invalid_json', `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`);
    await next();
  };
}

/** Walks with a stack of its own: a hostile body nests deeper than the call stack goes. */
function inspect(body: unknown): 'nul' | 'deep' | null {
  const pending: [unknown, number][] = [[body, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'nul';
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_BODY_DEPTH) return 'deep';
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return 'nul';
        pending.push([item, depth + 1]);
      }
    }
  }
  return null;
}
