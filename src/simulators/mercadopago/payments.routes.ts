import Router from '@koa/router';
import type { Context } from 'koa';
import { baseUrlOf, bodyOf, requestState, snapshot, type Sim } from './context.js';
import { errors } from './errors.js';
import { idempotencyKey, replay, respondAndRemember } from './idempotency.js';
import { createPayment, updatePayment } from './payments.js';
import type { Payment } from './state.js';

const SORTABLE = new Set(['date_created', 'date_approved', 'date_last_updated', 'id']);

export function paymentRoutes(sim: Sim): Router {
  const router = new Router();

  router.post('/v1/payments', (ctx) => {
    const key = idempotencyKey(ctx);
    if (replay(sim, ctx, 'payments', key)) return;
    const { accessToken, collectorId, afterResponse } = requestState(ctx);
    const payment = createPayment(
      sim,
      { body: bodyOf(ctx), collectorId, currency: sim.state.currencyFor(accessToken), baseUrl: baseUrlOf(sim, ctx) },
      afterResponse,
    );
    respondAndRemember(sim, ctx, 'payments', key, 201, payment);
  });

  // Registered before `/:id` so "search" is not taken for an id.
  router.get('/v1/payments/search', (ctx) => {
    const { collectorId } = requestState(ctx);
    const query = ctx.query;
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
    const sort = SORTABLE.has(text('sort') ?? '') ? (text('sort') as keyof Payment) : 'date_created';
    const descending = text('criteria') !== 'asc';
    const limit = clamp(Number(text('limit') ?? 30), 1, 1000, 30);
    const offset = clamp(Number(text('offset') ?? 0), 0, Number.MAX_SAFE_INTEGER, 0);
    const matches = [...sim.state.payments.values()]
      .filter((p) => p.collector_id === collectorId)
      .filter((p) => text('external_reference') === undefined || p.external_reference === text('external_reference'))
      .filter((p) => text('status') === undefined || p.status === text('status'))
      .sort((a, b) => compare(a, b, sort) * (descending ? -1 : 1));
    ctx.body = {
      paging: { total: matches.length, limit, offset },
      results: matches.slice(offset, offset + limit).map(snapshot),
    };
  });

  router.get('/v1/payments/:id', (ctx) => {
    ctx.body = snapshot(findPayment(sim, ctx));
  });

  router.put('/v1/payments/:id', (ctx) => {
    const payment = findPayment(sim, ctx);
    updatePayment(sim, payment, bodyOf(ctx), requestState(ctx).afterResponse);
    ctx.body = snapshot(payment);
  });

  return router;
}

/** A payment of the calling seller; another seller's is as unknown as a missing one. */
export function findPayment(sim: Sim, ctx: Context): Payment {
  const id = Number((ctx.params as Record<string, string>).id);
  const payment = Number.isSafeInteger(id) ? sim.state.payments.get(id) : undefined;
  if (!payment || payment.collector_id !== requestState(ctx).collectorId) throw errors.paymentNotFound();
  return payment;
}

function compare(a: Payment, b: Payment, field: keyof Payment): number {
  if (field === 'id') return a.id - b.id;
  const left = String(a[field] ?? '');
  const right = String(b[field] ?? '');
  // Same-millisecond payments still sort in creation order.
  return left === right ? a.id - b.id : Date.parse(left) - Date.parse(right) || (left < right ? -1 : 1);
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
