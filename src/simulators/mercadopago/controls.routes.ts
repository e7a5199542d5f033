import Router from '@koa/router';
import type { Context } from 'koa';
import { baseUrlOf, bodyOf, requestState, type Sim } from './context.js';
import type { MercadoPagoControls } from './controls.js';
import type { ChaosMode, FailureMode, SimulatorConfig } from './state.js';

/** `/__control`: the controls over HTTP, without auth (tests, the sandbox CLI). snake_case like MP. */
export function controlRoutes(sim: Sim, controls: MercadoPagoControls): Router {
  const router = new Router({ prefix: '/__control' });

  router.get('/config', (ctx) => {
    ctx.body = configBody(controls.configure({}));
  });
  router.post('/config', (ctx) => {
    const body = bodyOf(ctx);
    const changes: Partial<SimulatorConfig> = {
      webhookSecret: body.webhook_secret === undefined ? undefined : (body.webhook_secret as string | null) || null,
      siteCurrency: str(body.site_currency),
      tokenCurrencies: body.token_currencies as Record<string, string> | undefined,
      notificationRetries: num(body.notification_retries),
      notificationRetryDelayMs: num(body.notification_retry_delay_ms),
      notificationTimeoutMs: num(body.notification_timeout_ms),
      signatureTs: body.signature_ts === 's' || body.signature_ts === 'ms' ? body.signature_ts : undefined,
      baseUrl: str(body.base_url),
    };
    ctx.body = configBody(controls.configure(changes));
  });

  router.post('/card_tokens', (ctx) => {
    const body = bodyOf(ctx);
    ctx.status = 201;
    ctx.body = controls.createCardToken(str(body.cardholder_name) ?? 'APRO', { card_number: str(body.card_number) });
  });

  router.get('/payments', (ctx) => {
    ctx.body = controls.payments();
  });
  router.post('/payments/:id/status', (ctx) => {
    const body = bodyOf(ctx);
    ctx.body = controls.forcePaymentStatus(Number(ctx.params.id), String(body.status), str(body.status_detail), after(ctx));
  });

  router.post('/preferences/:id/pay', (ctx) => {
    const body = bodyOf(ctx);
    ctx.status = 201;
    ctx.body = controls.payPreference(
      ctx.params.id ?? '',
      {
        cardholderName: str(body.cardholder_name),
        status: str(body.status),
        paymentMethodId: str(body.payment_method_id),
        email: str(body.email),
      },
      baseUrlOf(sim, ctx),
      after(ctx),
    );
  });

  router.get('/notifications', async (ctx) => {
    // `?settled=true` waits until nothing is in flight, so a test reads final statuses.
    if (ctx.query.settled === 'true') await controls.notificationsSettled();
    ctx.body = controls.notifications();
  });
  router.post('/notifications/chaos', (ctx) => {
    const body = bodyOf(ctx);
    controls.notificationChaos(body.mode as ChaosMode, { count: num(body.count), delayMs: num(body.delay_ms) });
    ctx.body = sim.state.chaos;
  });
  router.post('/notifications/flush', async (ctx) => {
    await controls.flushHeldNotifications();
    ctx.status = 204;
  });

  router.post('/failures', (ctx) => {
    const body = bodyOf(ctx);
    controls.injectFailure({
      method: str(body.method),
      path: String(body.path ?? ''),
      mode: String(body.mode) as FailureMode,
      count: num(body.count),
      retryAfterSeconds: num(body.retry_after),
      hangMs: num(body.hang_ms),
      afterHang: body.after_hang === 'abort' ? 'abort' : 'process',
    });
    ctx.body = sim.state.failures;
  });
  router.delete('/failures', (ctx) => {
    controls.clearFailures();
    ctx.status = 204;
  });

  router.post('/reset', (ctx) => {
    controls.reset();
    ctx.status = 204;
  });

  return router;
}

function after(ctx: Context) {
  return requestState(ctx).afterResponse;
}

function configBody(config: SimulatorConfig) {
  return {
    base_url: config.baseUrl,
    webhook_secret: config.webhookSecret,
    site_currency: config.siteCurrency,
    token_currencies: config.tokenCurrencies,
    notification_retries: config.notificationRetries,
    notification_retry_delay_ms: config.notificationRetryDelayMs,
    notification_timeout_ms: config.notificationTimeoutMs,
    signature_ts: config.signatureTs,
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
