import { bodyParser } from '@koa/bodyparser';
import Koa, { type Context, type Next } from 'koa';
import type { Sim } from './context.js';
import type { WhatsAppControls } from './controls.js';
import { controlRoutes } from './controls.routes.js';
import { errors, graphErrorHandler } from './errors.js';
import { injectFailures } from './failures.js';
import { messageRoutes } from './messages.routes.js';

/**
 * The simulator's Koa app. Controls come before failure injection (a test must always be able
 * to steer); injected failures hit before the phone number and token checks, like an outage.
 */
export function buildApp(sim: Sim, controls: WhatsAppControls): Koa {
  const app = new Koa();
  app.silent = true; // errors become Graph API bodies; nothing worth logging in a simulator
  app.use(graphErrorHandler());
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '1mb',
      onError: () => {
        throw errors.badJson();
      },
    }),
  );
  const control = controlRoutes(controls);
  app.use(control.routes());
  app.use(control.allowedMethods());
  app.use(async (ctx: Context, next: Next) => (ctx.path.startsWith('/__control') ? undefined : next()));
  app.use(injectFailures(sim));
  const graph = messageRoutes(sim);
  app.use(graph.routes());
  app.use(graph.allowedMethods());
  app.use(async (ctx: Context) => {
    if (ctx.status === 404 && ctx.body === undefined) throw errors.unknownPath(ctx.path);
  });
  return app;
}
