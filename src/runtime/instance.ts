import type { Config } from '../config/load.js';
import { migrateUp } from '../db/migrate.js';
import { openOrm, type Orm } from '../db/orm.js';
import { openReads, type Reads } from '../db/reads.js';
import { JobAdmin } from '../modules/jobs/job-admin.js';
import { JobQueue } from '../modules/jobs/job-queue.js';
import { workerIdentity } from '../modules/jobs/worker-identity.js';
import { IdempotencyService } from '../modules/idempotency/idempotency.service.js';
import { KeyService } from '../modules/keys/key.service.js';
import { EventService } from '../modules/events/event.service.js';
import { OrderService } from '../modules/orders/order.service.js';
import { CheckoutService } from '../modules/payments/checkout.service.js';
import { PaymentService } from '../modules/payments/payment.service.js';
import { ProviderPaymentIntake } from '../modules/payments/provider-payment-intake.js';
import { PaymentReconciler } from '../modules/payments/reconciliation.js';
import { HookSecrets } from '../modules/notifications/hook-secrets.js';
import { MercadoPagoInbox } from '../modules/notifications/mercadopago-inbox.js';
import { ProviderRegistry } from '../modules/payments/provider-registry.js';
import { WebhookEndpointService } from '../modules/webhooks/webhook-endpoint.service.js';
import { WebhookOperations } from '../modules/webhooks/webhook-operations.js';
import { WebhookReplayService } from '../modules/webhooks/webhook-replay.service.js';
import { KeyUsage } from '../modules/keys/key-usage.js';
import { StoreService } from '../modules/stores/store.service.js';
import { ActivityLog } from '../modules/activity/activity-log.js';
import { ActivityQueries } from '../modules/activity/activity-queries.js';
import { OrderTimeline } from '../modules/activity/order-timeline.js';
import { UsageService } from '../modules/usage/usage.service.js';
import { ChannelPauses } from '../modules/messages/channel-pauses.js';
import { MessageService } from '../modules/messages/message.service.js';
import { MessageTargets } from '../modules/messages/message-targets.js';
import { WhatsAppInbox } from '../modules/messages/whatsapp-inbox.js';
import { TemplateCatalog } from '../modules/templates/catalog.js';
import { SHIPPED_TEMPLATES_DIR } from '../modules/templates/shipped-dir.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { ensureDataDir } from './data-dir.js';
import type { Logger } from './logger.js';
import { loadOrCreateMasterKey } from './master-key.js';

/**
 * Everything a face (HTTP server or CLI command) needs: config, database and the services.
 * Both faces open it the same way, so they always see the same data and the same rules.
 */
export interface Instance {
  /** host:pid:random: names this instance in job leases, log lines and notifications to the others. */
  identity: string;
  config: Config;
  logger: Logger;
  clock: Clock;
  orm: Orm;
  /** The hot paths' single-row reads (see db/reads.ts). */
  reads: Reads;
  masterKey: Buffer;
  jobs: JobQueue;
  jobAdmin: JobAdmin;
  stores: StoreService;
  keys: KeyService;
  keyUsage: KeyUsage;
  idempotency: IdempotencyService;
  orders: OrderService;
  providers: ProviderRegistry;
  payments: PaymentService;
  checkouts: CheckoutService;
  paymentIntake: ProviderPaymentIntake;
  reconciler: PaymentReconciler;
  mercadoPagoInbox: MercadoPagoInbox;
  events: EventService;
  webhookEndpoints: WebhookEndpointService;
  webhookReplay: WebhookReplayService;
  webhookOperations: WebhookOperations;
  templates: TemplateCatalog;
  messageTargets: MessageTargets;
  channelPauses: ChannelPauses;
  messages: MessageService;
  whatsAppInbox: WhatsAppInbox;
  activity: ActivityLog;
  activityQueries: ActivityQueries;
  timeline: OrderTimeline;
  usage: UsageService;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations (server start); commands that only read leave the schema alone. */
  migrate: boolean;
  clock?: Clock;
  /** Who this instance is (see Instance.identity); a fresh one by default. */
  identity?: string;
}

export async function openInstance(config: Config, logger: Logger, options: OpenOptions): Promise<Instance> {
  ensureDataDir(config.dataDir);
  const masterKey = loadOrCreateMasterKey(config.dataDir, config.masterKey);
  const orm = await openOrm(config.database, { poolMax: config.databasePoolMax });
  try {
    if (options.migrate) {
      const applied = await migrateUp(orm);
      if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
    }
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  const clock = options.clock ?? systemClock;
  const reads = openReads(orm, config.database);
  const identity = options.identity ?? workerIdentity();
  const jobs = new JobQueue(clock, identity);
  const webhookReplay = new WebhookReplayService(orm, jobs);
  const stores = new StoreService(orm, masterKey);
  const activity = new ActivityLog(orm, clock, logger, config.activityLog);
  const providers = new ProviderRegistry(config, stores, activity);
  const payments = new PaymentService(orm, reads, jobs, providers, clock);
  const paymentIntake = new ProviderPaymentIntake(orm, jobs, providers, payments);
  const templates = new TemplateCatalog({ shippedDir: SHIPPED_TEMPLATES_DIR, overridesDir: config.templatesDir });
  const messageTargets = new MessageTargets(config, stores, masterKey);
  // Registered before any fork is made: transactions clone the root's subscribers.
  orm.em.getEventManager().registerSubscriber(jobs);
  orm.em.getEventManager().registerSubscriber(activity);
  return {
    identity,
    config,
    logger,
    clock,
    orm,
    reads,
    masterKey,
    jobs,
    jobAdmin: new JobAdmin(orm, clock),
    stores,
    keys: new KeyService(orm, reads, clock),
    keyUsage: new KeyUsage(),
    idempotency: new IdempotencyService(orm, clock),
    orders: new OrderService(orm, reads, jobs),
    providers,
    payments,
    checkouts: new CheckoutService(orm, providers, clock),
    paymentIntake,
    reconciler: new PaymentReconciler(orm, payments, paymentIntake, providers, clock, logger),
    mercadoPagoInbox: new MercadoPagoInbox(orm, jobs, new HookSecrets(stores, clock), clock, logger, activity),
    events: new EventService(orm),
    webhookEndpoints: new WebhookEndpointService(orm, masterKey, clock, { allowPrivate: config.webhookAllowPrivate }),
    webhookReplay,
    webhookOperations: new WebhookOperations(orm, webhookReplay),
    templates,
    messageTargets,
    channelPauses: new ChannelPauses(orm, clock),
    messages: new MessageService(orm, jobs, messageTargets, templates),
    whatsAppInbox: new WhatsAppInbox(orm, jobs, stores, messageTargets, clock, logger, activity),
    activity,
    activityQueries: new ActivityQueries(orm),
    timeline: new OrderTimeline(orm),
    usage: new UsageService(orm, clock, config),
    close: async () => {
      await activity.flush();
      await reads.close();
      await orm.close(true);
    },
  };
}
