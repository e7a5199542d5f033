import Router from '@koa/router';
import Koa from 'koa';
import mountApp from 'koa-mount';
import type { Instance } from '../runtime/instance.js';
import { FailedAuthLimiter } from '../modules/limits/failed-auth.js';
import { TokenBuckets } from '../modules/limits/token-bucket.js';
import { opsRoutes } from '../modules/ops/ops.routes.js';
import { orderRoutes } from '../modules/orders/order.routes.js';
import { Metrics } from '../modules/metrics/metrics.js';
import { timelineRoutes } from '../modules/activity/timeline.routes.js';
import { usageRoutes } from '../modules/usage/usage.routes.js';
import { checkoutRoutes } from '../modules/payments/checkout.routes.js';
import { paymentRoutes } from '../modules/payments/payment.routes.js';
import { hookRoutes } from '../modules/notifications/hooks.routes.js';
import { messageRoutes } from '../modules/messages/message.routes.js';
import { whatsAppHookRoutes } from '../modules/messages/whatsapp-hooks.routes.js';
import { storeRoutes } from '../modules/stores/store.routes.js';
import { webhookRoutes } from '../modules/webhooks/webhook.routes.js';
import { forbidden } from '../shared/errors.js';
import { VERSION } from '../shared/package-info.js';
import type { BaasContext, BaasState } from './context.js';
import { accessLog } from './middleware/access-log.js';
import { awaitRequestBody } from './middleware/await-request-body.js';
import { authenticate } from './middleware/authenticate.js';
import { hooksRateLimit } from './middleware/hooks-rate-limit.js';
import { idempotency } from './middleware/idempotency.js';
import { errorHandler } from './middleware/errors.js';
import { jsonBody } from './middleware/json-body.js';
import { refuseHostileInput } from './middleware/hostile-input.js';
import { requestId } from './middleware/request-id.js';
import { buildOpenApi } from './openapi.js';
import { validate } from '../shared/validate.js';
import type { RouteSpec } from './route.js';

export const SANDBOX_MERCADOPAGO_PATH = '/sandbox/mercadopago';
export const SANDBOX_WHATSAPP_PATH = '/sandbox/whatsapp';

export interface Lifecycle {
  accepting(): boolean;
  startedAt: Date;
  /** The built-in Mercado Pago simulator, served under /sandbox/mercadopago when the sandbox is on. */
  mercadoPagoSimulator?: Koa;
  /** The built-in WhatsApp Cloud API simulator, served under /sandbox/whatsapp when the sandbox is on. */
  whatsAppSimulator?: Koa;
}

/** Assembles the Koa app: cross-cutting middleware, then every module's routes. */
export function createApp(instance: Instance, lifecycle: Lifecycle): { app: Koa<BaasState>; routes: RouteSpec[] } {
  const routes: RouteSpec[] = [];
  let document: object | undefined;
  const metrics = new Metrics(instance.orm, instance.clock);
  instance.activity.observe(metrics.observe);
  routes.push(
    ...opsRoutes({
      orm: instance.orm,
      accepting: lifecycle.accepting,
      startedAt: lifecycle.startedAt,
      openApi: () => (document ??= buildOpenApi(routes, { version: VERSION, serverUrl: instance.config.publicUrl })),
      metrics,
      metricsToken: instance.config.metricsToken,
    }),
    ...storeRoutes(instance.stores),
    ...usageRoutes(instance.usage),
    ...orderRoutes(instance.orders),
    ...timelineRoutes(instance.timeline),
    ...checkoutRoutes(instance.checkouts),
    ...paymentRoutes(instance.payments),
    ...webhookRoutes(instance.webhookEndpoints, instance.events, instance.webhookReplay),
    ...messageRoutes(instance.messages),
    ...hookRoutes(instance.mercadoPagoInbox),
    ...whatsAppHookRoutes(instance.whatsAppInbox),
  );

  const router = new Router<BaasState>();
  for (const route of routes) mount(router, route);

  const app = new Koa<BaasState>();
  app.silent = true; // errorHandler logs what matters, with the request id
  app.use(awaitRequestBody());
  app.use(requestId(instance.logger));
  app.use(accessLog(instance.activity, metrics));
  app.use(errorHandler());
  // Before our JSON-only body parser and key auth: the simulators speak Mercado Pago's and
  // Meta's APIs (their own auth, errors and the Checkout Pro form posts), as the real ones would.
  if (lifecycle.mercadoPagoSimulator) app.use(mountApp(SANDBOX_MERCADOPAGO_PATH, lifecycle.mercadoPagoSimulator));
  if (lifecycle.whatsAppSimulator) app.use(mountApp(SANDBOX_WHATSAPP_PATH, lifecycle.whatsAppSimulator));
  app.use(hooksRateLimit(new TokenBuckets(instance.config.hooksRateLimit.perSecond, instance.config.hooksRateLimit.burst), instance.clock));
  app.use(jsonBody());
  app.use(refuseHostileInput());
  app.use(
    authenticate({
      keys: instance.keys,
      usage: instance.keyUsage,
      failures: new FailedAuthLimiter(),
      rateLimit: new TokenBuckets(instance.config.rateLimit.perSecond, instance.config.rateLimit.burst),
      clock: instance.clock,
    }),
  );
  app.use(idempotency(instance.idempotency));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return { app, routes };
}

function mount(router: Router<BaasState>, route: RouteSpec): void {
  router[route.method](route.path, async (ctx) => {
    const context = ctx as unknown as BaasContext;
    if (context.state.auth?.kind === 'publishable' && route.access !== 'publishable') {
      throw forbidden('secret_key_required', 'This endpoint needs a secret key (sk_…); publishable keys may only call /v1/public/*.');
    }
    const body = validate(route.body, ctx.request.body ?? {}, 'body');
    const query = validate(route.query, ctx.query, 'query');
    await route.handler(context, { body, query, params: ctx.params });
  });
}
