import { bodyParser } from '@koa/bodyparser';
import Koa, { type Context, type Next } from 'koa';
import { bearerAuth, needsAuth } from './auth.js';
import { cardTokenRoutes } from './card-tokens.routes.js';
import { checkoutRoutes } from './checkout.routes.js';
import type { Sim, SimRequestState } from './context.js';
import { MercadoPagoControls } from './controls.js';
import { controlRoutes } from './controls.routes.js';
import { MpError, mpErrorHandler } from './errors.js';
import { injectFailures } from './failures.js';
import { paymentRoutes } from './payments.routes.js';
import { preferenceRoutes } from './preferences.routes.js';
import { refundRoutes } from './refunds.routes.js';

/**
 * The simulator's Koa app. Order matters: controls skip auth and failure injection (a test must
 * always be able to steer), and failures hit before auth like an upstream outage would.
 */
export function buildApp(sim: Sim, controls: MercadoPagoControls, hangs: Set<NodeJS.Timeout>): Koa {
  const app = new Koa();
  app.silent = true; // errors become MP-style bodies; nothing worth logging in a simulator
  app.use(mpErrorHandler());
  app.use(afterResponse());
  app.use(
    bodyParser({
      enableTypes: ['json', 'form'],
      jsonLimit: '1mb',
      onError: () => {
        throw new MpError(400, 'bad_request', 'Invalid JSON body', []);
      },
    }),
  );
  const controlRouter = controlRoutes(sim, controls);
  app.use(controlRouter.routes());
  app.use(controlRouter.allowedMethods());
  app.use(async (ctx: Context, next: Next) => (ctx.path.startsWith('/__control') ? undefined : next()));
  app.use(injectFailures(sim.state, hangs));
  const auth = bearerAuth();
  app.use(async (ctx: Context, next: Next) => (needsAuth(ctx.path) ? auth(ctx, next) : next()));
  for (const router of [cardTokenRoutes(sim), paymentRoutes(sim), refundRoutes(sim), preferenceRoutes(sim), checkoutRoutes(sim)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(async (ctx: Context) => {
    if (ctx.status === 404 && ctx.body === undefined) throw new MpError(404, 'not_found', 'resource not found', []);
  });
  return app;
}

/**
 * Notifications are handed to `afterResponse` and run once the response is written (or the
 * client went away), so a caller never sees a notification for a payment it has no answer for
 * yet from this simulator — MP can do that (§13), but our tests want one cause at a time.
 */
function afterResponse() {
  return async (ctx: Context, next: Next) => {
    const tasks: (() => void)[] = [];
    let flushed = false;
    const flush = () => {
      if (flushed) return;
      flushed = true;
      for (const task of tasks.splice(0)) setImmediate(task);
    };
    (ctx.state as SimRequestState).afterResponse = (task) => (flushed ? void setImmediate(task) : void tasks.push(task));
    ctx.res.once('finish', flush);
    ctx.res.once('close', flush);
    await next();
  };
}
