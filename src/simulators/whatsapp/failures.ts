import type { Context, Next } from 'koa';
import { bodyOf } from '../mercadopago/context.js';
import type { Sim } from './context.js';
import { whatsappError } from './errors.js';
import { digitsOf } from './recipients.js';
import type { FailureRule, SimulatorState } from './state.js';

const SEND = /^\/[^/]+\/[^/]+\/messages\/?$/;

/**
 * Failure injection for the next N sends (optionally to one number only): a Graph error with its
 * usual HTTP status (130429 → 429, 190 → 401, …), a bodiless 500, a request that is never
 * answered until the simulator stops, or a connection cut. Nothing is accepted in any case.
 */
export function injectFailures(sim: Sim) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || !SEND.test(ctx.path)) return next();
    const rule = take(sim.state, digitsOf(bodyOf(ctx).to));
    if (!rule) return next();
    if (rule.code === 'hang') {
      await sim.pending.untilStopped();
      ctx.req.socket.destroy();
    } else if (rule.code === 'reset') {
      ctx.req.socket.destroy();
    } else if (rule.code === 500 && rule.httpStatus === null) {
      ctx.body = null; // before the status: a null body set after it would turn the 500 into a 204
      ctx.status = 500;
    } else {
      throw whatsappError(rule.code, 'Injected by the WhatsApp simulator', rule.httpStatus ?? undefined);
    }
  };
}

function take(state: SimulatorState, to: string | null): FailureRule | undefined {
  const index = state.failures.findIndex((rule) => rule.to === null || rule.to === to);
  const rule = state.failures[index];
  if (rule && --rule.remaining <= 0) state.failures.splice(index, 1);
  return rule;
}
