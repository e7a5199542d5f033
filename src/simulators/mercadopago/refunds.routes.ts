import Router from '@koa/router';
import { bodyOf, requestState, snapshot, type Sim } from './context.js';
import { errors } from './errors.js';
import { idempotencyKey, replay, respondAndRemember } from './idempotency.js';
import { refundPayment } from './payments.js';
import { findPayment } from './payments.routes.js';

export function refundRoutes(sim: Sim): Router {
  const router = new Router();

  router.post('/v1/payments/:id/refunds', (ctx) => {
    const key = idempotencyKey(ctx);
    const payment = findPayment(sim, ctx);
    const scope = `refunds:${payment.id}`;
    if (replay(sim, ctx, scope, key)) return;
    const refund = refundPayment(sim, payment, bodyOf(ctx), requestState(ctx).afterResponse);
    respondAndRemember(sim, ctx, scope, key, 201, refund);
  });

  router.get('/v1/payments/:id/refunds', (ctx) => {
    ctx.body = snapshot(findPayment(sim, ctx).refunds);
  });

  router.get('/v1/payments/:id/refunds/:refundId', (ctx) => {
    const refund = findPayment(sim, ctx).refunds.find((r) => String(r.id) === ctx.params.refundId);
    if (!refund) throw errors.notFound('Refund');
    ctx.body = snapshot(refund);
  });

  return router;
}
