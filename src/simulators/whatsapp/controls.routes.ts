import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { ConfigChanges, WhatsAppControls } from './controls.js';
import { GraphError } from './errors.js';
import type { SimulatorConfig } from './state.js';

const STATUS = z.enum(['sent', 'delivered', 'read', 'failed']);
const count = z.number().int().positive().optional();
const delay = z.number().int().nonnegative().optional();

const schemas = {
  phoneNumber: z.strictObject({
    phone_number_id: z.string().min(1),
    access_token: z.string().min(1),
    app_secret: z.string().min(1),
    webhook_url: z.url().nullable().default(null),
    display_phone_number: z.string().min(1),
    waba_id: z.string().min(1).optional(),
  }),
  templates: z.strictObject({
    templates: z.array(z.strictObject({ name: z.string().min(1), language: z.string().min(1), parameters: z.array(z.string().min(1)) })),
  }),
  failure: z.strictObject({
    code: z.union([z.number().int().nonnegative(), z.enum(['hang', 'reset'])]),
    count,
    http_status: z.number().int().min(200).max(599).optional(),
    to: z.string().min(1).optional(),
  }),
  recipient: z.strictObject({
    number: z.string().min(1),
    behaviour: z.enum(['undeliverable', 'wa_id']),
    wa_id: z.string().min(1).optional(),
  }),
  status: z.strictObject({
    status: STATUS,
    errors: z.array(z.strictObject({ code: z.number().int(), details: z.string().optional() })).optional(),
  }),
  config: z.strictObject({
    auto_progress: z.boolean().optional(),
    delays_ms: z.strictObject({ sent: delay, delivered: delay, read: delay }).optional(),
    skip_delivered: z.boolean().optional(),
    webhook_attempts: count,
    webhook_retry_delay_ms: delay,
    webhook_timeout_ms: count,
  }),
  chaos: z.strictObject({ mode: z.enum(['duplicate', 'reorder', 'drop']), count }),
};

/** The config's names over HTTP (snake_case, like Meta's) and in the simulator. */
const CONFIG_KEYS = {
  auto_progress: 'autoProgress',
  delays_ms: 'delaysMs',
  skip_delivered: 'skipDelivered',
  webhook_attempts: 'webhookAttempts',
  webhook_retry_delay_ms: 'webhookRetryDelayMs',
  webhook_timeout_ms: 'webhookTimeoutMs',
} as const satisfies Record<string, keyof SimulatorConfig>;

/** `/__control`: the controls over HTTP, without auth (tests, the sandbox). snake_case like Meta. */
export function controlRoutes(controls: WhatsAppControls): Router {
  const router = new Router({ prefix: '/__control' });

  router.post('/phone_numbers', (ctx) => {
    ctx.status = 201;
    ctx.body = controls.registerPhoneNumber(parse(ctx, schemas.phoneNumber));
  });

  router.get('/templates', (ctx) => {
    ctx.body = controls.templates();
  });
  router.post('/templates', (ctx) => {
    ctx.body = controls.setTemplates(parse(ctx, schemas.templates).templates);
  });

  router.post('/failures', (ctx) => {
    const { code, count, http_status, to } = parse(ctx, schemas.failure);
    controls.injectFailure({ code, count, httpStatus: http_status, to });
    ctx.status = 204;
  });
  router.delete('/failures', (ctx) => {
    controls.clearFailures();
    ctx.status = 204;
  });

  router.post('/recipients', (ctx) => {
    const { number, behaviour, wa_id } = parse(ctx, schemas.recipient);
    controls.setRecipient({ number, behaviour, waId: wa_id });
    ctx.status = 204;
  });

  router.get('/messages', async (ctx) => {
    // `?settled=true` waits until nothing is pending, so a test reads final statuses.
    if (ctx.query.settled === 'true') await controls.idle();
    ctx.body = controls.messages();
  });
  router.post('/messages/:wamid/status', (ctx) => {
    const { status, errors } = parse(ctx, schemas.status);
    ctx.body = controls.sendStatus(ctx.params.wamid ?? '', status, errors);
  });

  router.get('/config', (ctx) => {
    ctx.body = configBody(controls.configure({}));
  });
  router.post('/config', (ctx) => {
    const body: Record<string, unknown> = parse(ctx, schemas.config);
    const changes = Object.fromEntries(Object.entries(CONFIG_KEYS).map(([snake, camel]) => [camel, body[snake]]));
    ctx.body = configBody(controls.configure(changes as ConfigChanges));
  });

  router.post('/statuses/chaos', (ctx) => {
    const { mode, count } = parse(ctx, schemas.chaos);
    controls.statusChaos(mode, count);
    ctx.status = 204;
  });

  router.get('/webhooks', async (ctx) => {
    if (ctx.query.settled === 'true') await controls.idle();
    ctx.body = controls.webhooks();
  });

  router.post('/reset', (ctx) => {
    controls.reset();
    ctx.status = 204;
  });

  return router;
}

function parse<T>(ctx: Context, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse((ctx.request as { body?: unknown }).body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new GraphError(400, 100, `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

function configBody(config: SimulatorConfig) {
  return Object.fromEntries(Object.entries(CONFIG_KEYS).map(([snake, camel]) => [snake, config[camel]]));
}
