import { join } from 'node:path';
import type { Config } from '../config/load.js';
import { databaseMaintenance } from '../db/housekeeping.js';
import { withAdvisoryLock } from '../db/advisory-lock.js';
import type { JobHandler } from '../modules/jobs/job-handler.js';
import { jobMaintenance } from '../modules/jobs/job-maintenance.js';
import { JobRunner, type RunnerOptions } from '../modules/jobs/job-runner.js';
import { Scheduler } from '../modules/jobs/scheduler.js';
import { workerIdentity } from '../modules/jobs/worker-identity.js';
import { attemptRetention } from '../modules/webhooks/attempt-retention.js';
import { activityRetention } from '../modules/activity/activity-retention.js';
import { usageRollup } from '../modules/usage/usage-rollup.js';
import { webhookDeliveryHandler } from '../modules/webhooks/deliver-webhook.js';
import { notificationHandler } from '../modules/notifications/process-notification.js';
import { webhookAgents } from '../modules/webhooks/send-webhook.js';
import { idempotencyPurge } from '../modules/idempotency/idempotency-purge.js';
import { messageJobHandlers } from '../modules/messages/job-handlers.js';
import type { Channels } from '../modules/messages/send-message.js';
import { EmailChannel } from '../providers/smtp/email-channel.js';
import { WhatsAppChannel } from '../providers/whatsapp/whatsapp-channel.js';
import type { CreatedStore } from '../modules/stores/store.service.js';
import { createApp, SANDBOX_MERCADOPAGO_PATH } from '../server/app.js';
import { createMercadoPagoSimulator } from '../simulators/mercadopago/index.js';
import { listen } from '../server/http-server.js';
import type { RouteSpec } from '../server/route.js';
import { joinCluster } from './cluster.js';
import { openInstance, type Instance } from './instance.js';
import { createWhatsAppSandbox } from './whatsapp-sandbox.js';
import type { Logger } from './logger.js';

/** In-flight requests and periodic tasks get this long to finish on shutdown. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export interface ServerOptions {
  /** Handlers by job type; each module contributes its own. */
  jobHandlers?: JobHandler[];
  runner?: RunnerOptions;
  /** Tests shorten the SMTP timeouts or trust a loopback server's certificate. */
  emailChannel?: EmailChannel;
}

export interface RunningServer {
  url: string;
  instance: Instance;
  runner: JobRunner;
  /** Every route served, as declared (tests walk them; /openapi.json is built from them). */
  routes: RouteSpec[];
  /** Set when this start created the demo store (empty database). */
  demo: CreatedStore | null;
  stop(): Promise<void>;
}

/**
 * Starts everything `baas start` runs: migrations, the demo store on an empty database, the
 * HTTP server and the scheduler. The order matters: nothing listens before the schema is current.
 */
export async function startServer(config: Config, baseLogger: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  const startedAt = new Date();
  // One identity for the leases it takes, the lines it logs and the notifications it sends.
  const identity = workerIdentity();
  const logger = baseLogger.child({ instance: identity });
  const instance = await openInstance(config, logger, { migrate: true, identity });
  let accepting = true;
  try {
    // Instances started together on an empty PostgreSQL database make one demo store between them.
    const demo = await withAdvisoryLock(instance.orm, 'baas:demo-store', () => instance.stores.provisionDemo());
    const simulator = config.sandbox ? createMercadoPagoSimulator() : null;
    const whatsApp = config.sandbox ? createWhatsAppSandbox(instance.messageTargets, instance.templates.whatsAppApprovals()) : null;
    const { app, routes } = createApp(instance, {
      accepting: () => accepting,
      startedAt,
      mercadoPagoSimulator: simulator?.app,
      whatsAppSimulator: whatsApp?.simulator.app,
    });
    const listening = await listen(app, config.host, config.port);
    whatsApp?.connect(listening.url);
    // Links the simulator hands out (Checkout Pro init_point, Pix tickets) must point at us.
    if (simulator) {
      simulator.state.config.baseUrl = `${config.port === 0 ? listening.url : config.publicUrl}${SANDBOX_MERCADOPAGO_PATH}`;
      // The server calls its own simulator over loopback, exactly as it would call Mercado Pago.
      instance.providers.useSandboxAt(`${listening.url}${SANDBOX_MERCADOPAGO_PATH}`, listening.url);
    }
    const agents = webhookAgents();
    const channels: Channels = {
      email: options.emailChannel ?? new EmailChannel({ mailDir: join(config.dataDir, 'mail') }),
      whatsapp: new WhatsAppChannel(),
    };
    const handlers = new Map(
      [
        webhookDeliveryHandler({
          orm: instance.orm,
          reads: instance.reads,
          masterKey: instance.masterKey,
          clock: instance.clock,
          logger,
          agents,
          allowPrivate: config.webhookAllowPrivate,
          activity: instance.activity,
        }),
        notificationHandler({ orm: instance.orm, intake: instance.paymentIntake, clock: instance.clock }),
        ...messageJobHandlers(instance, channels),
        ...(options.jobHandlers ?? []),
      ].map((handler) => [handler.type, handler]),
    );
    const runner = new JobRunner(instance.orm, instance.jobs, handlers, instance.clock, logger, {
      owner: identity,
      activity: instance.activity,
      ...options.runner,
    });
    runner.start();
    const cluster = config.database.kind === 'postgres' ? await joinCluster(instance, runner) : null;
    const scheduler = new Scheduler(logger, cluster?.ticks);
    scheduler.start([
      databaseMaintenance(instance.orm, config.database.kind),
      ...jobMaintenance(instance.orm, runner, instance.clock),
      // Writes what this process holds in memory: every instance flushes its own.
      { ...instance.keyUsage.task(instance.orm), everyInstance: true },
      idempotencyPurge(instance.idempotency),
      attemptRetention(instance.orm, instance.clock, config.webhookAttemptRetentionDays),
      activityRetention(instance.orm, instance.clock, config.activityRetentionDays),
      usageRollup(instance.orm, instance.clock, config),
      instance.reconciler.task(),
    ]);
    logger.info({ url: listening.url, database: config.database.kind, ready_ms: Date.now() - startedAt.getTime() }, 'baas is ready');

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        accepting = false;
        logger.info('shutting down: finishing in-flight requests and jobs');
        const deadline = Date.now() + SHUTDOWN_DEADLINE_MS;
        await listening.close(SHUTDOWN_DEADLINE_MS);
        await instance.mercadoPagoInbox.settled();
        await scheduler.stop();
        await runner.stop(Math.max(0, deadline - Date.now()));
        await cluster?.close();
        await instance.keyUsage.flush(instance.orm);
        agents.destroy();
        await Promise.all([channels.email.close(), channels.whatsapp.close()]);
        simulator?.stop();
        whatsApp?.simulator.stop();
        await instance.close();
        logger.info('stopped');
      })());
    return { url: listening.url, instance, runner, routes, demo, stop };
  } catch (error) {
    await instance.close();
    throw error;
  }
}
