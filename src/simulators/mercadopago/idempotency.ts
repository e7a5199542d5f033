import type { Context } from 'koa';
import { requestState, type Sim } from './context.js';
import { errors } from './errors.js';

/**
 * MP's X-Idempotency-Key (reference §1): required on payment and refund creation; a replayed
 * key returns the first response, even a rejected payment, without acting again. Only responses
 * that created something are remembered: a validation error created nothing, so fixing the body
 * and retrying with the same key works (MP's behaviour there is unverified).
 */
export function idempotencyKey(ctx: Context): string {
  const key = ctx.get('X-Idempotency-Key').trim();
  if (!key) throw errors.missingIdempotencyKey();
  return key;
}

function storeKey(ctx: Context, scope: string, key: string): string {
  return `${requestState(ctx).collectorId}|${scope}|${key}`;
}

/** Answers from memory when this key was seen; true means the response is already set. */
export function replay(sim: Sim, ctx: Context, scope: string, key: string): boolean {
  const stored = sim.state.idempotent.get(storeKey(ctx, scope, key));
  if (!stored) return false;
  ctx.status = stored.status;
  ctx.type = 'application/json';
  ctx.body = stored.body;
  return true;
}

export function respondAndRemember(sim: Sim, ctx: Context, scope: string, key: string, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  sim.state.idempotent.set(storeKey(ctx, scope, key), { status, body: json });
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = json;
}
