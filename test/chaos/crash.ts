import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { mapPaymentStatus } from '../../src/providers/mercadopago/status-map.js';
import type { PaymentStatus } from '../../src/modules/payments/payment-provider.js';
import { benchApi, ORDER, type Api } from '../bench/api.js';
import { createMercadoPagoStore } from '../bench/processes.js';
import { ChaosDatabase, jobsSettled } from './database.js';
import { paymentWalk } from './payment-walk.js';
import { between, pick, seeded, type Random } from './random.js';
import { figure, invariant, type Check, type ScenarioResult } from './scenario.js';
import { ServerProcess } from './server-process.js';
import { SimulatorProcess } from './simulator-process.js';
import { TlsProxy } from './tls-proxy.js';
import { VerifyingReceiver } from './verifying-receiver.js';

export interface CrashOptions {
  seed: number;
  /** Payments made through the API before the burst. */
  payments: number;
  /** Status changes Mercado Pago makes to each (each one a notification, some sent twice, late or out of order). */
  steps: number;
  kills: number;
  /** How fast the status changes are made at the simulator. */
  changesPerSecond: number;
}

/** About 10,400 notifications: 400 creations and some 8,300 changes (a tenth of the payments end at once), a fifth sent twice. */
export const CRASH_FULL: Omit<CrashOptions, 'seed'> = { payments: 400, steps: 25, kills: 5, changesPerSecond: 300 };
export const CRASH_SHORT: Omit<CrashOptions, 'seed'> = { payments: 12, steps: 6, kills: 2, changesPerSecond: 60 };

const ACCESS_TOKEN = 'TEST-1234567890-chaos';
const MP_WEBHOOK_SECRET = 'chaos-mp-webhook-secret';
const SETTLE_MS = 180_000;

interface Made {
  id: string;
  providerId: string;
  /** Every status Mercado Pago gives it, in order, from its creation. */
  history: PaymentStatus[];
}

interface SimNotification {
  delivered: boolean;
  status: string;
  chaos: string | null;
  headers: Record<string, string>;
}

/**
 * A burst of Mercado Pago notifications while the server is SIGKILLed at random moments and
 * restarted; then every payment must match the simulator, no transition be applied twice, no
 * job be lost and every event have reached the storefront.
 */
export async function crashScenario(options: CrashOptions): Promise<ScenarioResult> {
  const began = performance.now();
  const random = seeded(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'baas-chaos-crash-'));
  const proxy = await TlsProxy.start(dir);
  const simulator = await SimulatorProcess.start({ NODE_EXTRA_CA_CERTS: proxy.certPath });
  const receiver = await VerifyingReceiver.start(random);
  const server = new ServerProcess({ BAAS_DATA_DIR: dir, BAAS_MERCADOPAGO_API_URL: simulator.url, BAAS_PUBLIC_URL: proxy.url });
  let db: ChaosDatabase | undefined;
  try {
    // Mercado Pago keeps retrying a notification for a long while; here, long enough to outlast a restart.
    await simulator.control('/config', {
      webhook_secret: MP_WEBHOOK_SECRET,
      notification_retries: 200,
      notification_retry_delay_ms: 250,
      notification_timeout_ms: 5000,
    });
    proxy.target = new URL((await server.start()).url);
    const store = await createMercadoPagoStore(dir, ACCESS_TOKEN, MP_WEBHOOK_SECRET);
    const api = benchApi(server.ready!.url, store.test_key.secret);
    const endpoint = await api.post('/v1/webhook_endpoints', { url: `${receiver.origin}/crash`, enabled_events: ['*'] });
    receiver.trust('/crash', endpoint.secret);
    const made = await makePayments(api, options.payments);
    for (const payment of made) payment.history.push(...paymentWalk(random, options.steps));
    db = await ChaosDatabase.open(dir);

    const changes = made.flatMap((p) => p.history.slice(1).map((status, round) => ({ round, providerId: p.providerId, status })));
    changes.sort((a, b) => a.round - b.round);
    const burstMs = (changes.length / options.changesPerSecond) * 1000;
    const killAt = Array.from({ length: options.kills }, () => between(random, 0.05, 0.95) * burstMs).sort((a, b) => a - b);
    const burstStarted = performance.now();
    const [, downtimes] = await Promise.all([
      driveChanges(simulator, changes, options.changesPerSecond, random),
      crashRepeatedly(server, proxy, killAt, burstStarted),
    ]);
    await simulator.control('/notifications/flush', {});
    await fetch(`${simulator.url}/__control/notifications?settled=true`);
    const jobs = await jobsSettled(db, SETTLE_MS);
    const checks = await judge(db, simulator, receiver, store.id, made, jobs);
    return {
      name: 'crash: notification burst with SIGKILLs',
      seed: options.seed,
      seconds: Math.round((performance.now() - began) / 1000),
      checks: [
        figure('server kills (SIGKILL) and restarts', `${server.kills} at ${killAt.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`),
        figure('downtime per restart (kill → ready)', downtimes.map((ms) => `${Math.round(ms)} ms`).join(', ')),
        ...checks.checks,
      ],
      failures: checks.failures,
    };
  } finally {
    await db?.close();
    await server.stop();
    await Promise.all([simulator.stop(), receiver.close(), proxy.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function makePayments(api: Api, count: number): Promise<Made[]> {
  const made: Made[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        next++;
        const order = await api.post('/v1/orders', ORDER);
        const payment = await api.post('/v1/payments', { order_id: order.id, method: 'pix', payer: { email: 'chaos@example.com' } });
        made.push({ id: payment.id, providerId: payment.provider_payment_id, history: ['pending'] });
      }
    }),
  );
  return made;
}

/** The status changes at Mercado Pago, paced; one payment's changes in order, with notification chaos mixed in. */
async function driveChanges(
  simulator: SimulatorProcess,
  changes: { providerId: string; status: string }[],
  perSecond: number,
  random: Random,
): Promise<void> {
  const started = performance.now();
  const previous = new Map<string, Promise<unknown>>();
  for (let i = 0; i < changes.length; i++) {
    if (i % 50 === 0) {
      const mode = pick(random, ['duplicate', 'duplicate', 'duplicate', 'delay', 'reorder'] as const);
      await simulator.control('/notifications/chaos', { mode, count: mode === 'reorder' ? 2 : 10, delay_ms: 500 });
    }
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const { providerId, status } = changes[i]!;
    const change = (previous.get(providerId) ?? Promise.resolve()).then(() =>
      simulator.control(`/payments/${providerId}/status`, { status }),
    );
    previous.set(providerId, change);
  }
  await Promise.all(previous.values());
}

/** SIGKILLs the server at each moment (ms after `from`) and starts it again; answers each restart's downtime. */
async function crashRepeatedly(server: ServerProcess, proxy: TlsProxy, killAt: number[], from: number): Promise<number[]> {
  const downtimes: number[] = [];
  for (const at of killAt) {
    const wait = from + at - performance.now();
    await sleep(Math.max(wait, 300));
    const killed = performance.now();
    await server.kill();
    proxy.target = null;
    proxy.target = new URL((await server.start()).url);
    downtimes.push(performance.now() - killed);
  }
  return downtimes;
}

async function judge(
  db: ChaosDatabase,
  simulator: SimulatorProcess,
  receiver: VerifyingReceiver,
  storeId: string,
  made: Made[],
  jobs: Record<string, number>,
): Promise<{ checks: Check[]; failures: string[] }> {
  const failures: string[] = [];
  const notifications = (await simulator.control('/notifications')) as SimNotification[];
  const atSimulator = new Map(
    ((await simulator.control('/payments')) as { id: number; status: string; status_detail: string }[]).map((p) => [String(p.id), p]),
  );
  const ours = new Map(
    (await db.query<{ id: string; status: string }>('select id, status from payments where store_id = ?', [storeId])).map((p) => [
      p.id,
      p.status,
    ]),
  );
  const transitions = await db.query<{ payment_id: string; from: string; to: string }>(
    'select t.payment_id, t."from", t."to" from payment_transitions t join payments p on p.id = t.payment_id where p.store_id = ? and t.applied = ? order by t.id',
    [storeId, true],
  );
  const events = await db.query<{ id: string; type: string; payment_id: string | null }>(
    'select id, type, payment_id from events where store_id = ?',
    [storeId],
  );
  const storedRequestIds = new Set(
    (
      await db.query<{ provider_request_id: string }>('select provider_request_id from provider_notifications where store_id = ?', [
        storeId,
      ])
    ).map((r) => r.provider_request_id),
  );

  const acknowledged = notifications.filter((n) => n.delivered);
  const unstored = acknowledged.filter((n) => !storedRequestIds.has(n.headers['x-request-id']!));
  for (const n of unstored.slice(0, 5)) failures.push(`notification ${n.headers['x-request-id']} answered 200 but not stored`);

  let mismatched = 0;
  let chainBroken = 0;
  let appliedTwice = 0;
  let eventsOff = 0;
  for (const payment of made) {
    const sim = atSimulator.get(payment.providerId)!;
    const expected = mapPaymentStatus(sim.status, sim.status_detail);
    if (ours.get(payment.id) !== expected) {
      mismatched++;
      failures.push(`${payment.id}: ours ${ours.get(payment.id)}, Mercado Pago's ${expected} (history ${payment.history.join(' → ')})`);
    }
    const applied = transitions.filter((t) => t.payment_id === payment.id);
    // Applied transitions chain from pending to where the payment is, each leaving the status the previous one reached.
    const chained =
      applied.every((t, i) => t.from === (i === 0 ? 'pending' : applied[i - 1]!.to)) && applied.at(-1)?.to === ours.get(payment.id);
    if (!chained) {
      chainBroken++;
      failures.push(`${payment.id}: transitions ${applied.map((t) => `${t.from}→${t.to}`).join(', ')} do not chain`);
    }
    // A status can be entered at most as often as Mercado Pago entered it.
    for (const status of new Set(applied.map((t) => t.to))) {
      const entered = applied.filter((t) => t.to === status && t.from !== t.to).length;
      const allowed = payment.history.slice(1).filter((s) => s === status).length;
      if (entered > allowed) {
        appliedTwice++;
        failures.push(`${payment.id}: entered ${status} ${entered} times, Mercado Pago ${allowed}`);
      }
    }
    const paymentEvents = events.filter((e) => e.payment_id === payment.id && e.type !== 'payment.created').length;
    if (paymentEvents !== applied.length) {
      eventsOff++;
      failures.push(`${payment.id}: ${applied.length} applied transitions but ${paymentEvents} payment events`);
    }
  }
  const accepted = receiver.accepted.get('/crash')!;
  const undelivered = events.filter((e) => !accepted.has(e.id));
  for (const e of undelivered.slice(0, 5)) failures.push(`event ${e.id} (${e.type}) never reached the storefront`);
  const notSucceeded = Object.entries(jobs).filter(([status]) => status !== 'succeeded');

  return {
    checks: [
      figure(
        'notifications sent by Mercado Pago',
        `${notifications.length} (${notifications.filter((n) => n.chaos === 'duplicate').length} redeliveries, ${notifications.filter((n) => n.chaos === 'delay' || n.chaos === 'reorder').length} late or out of order)`,
      ),
      invariant(
        'notifications Mercado Pago gave up on',
        notifications.filter((n) => n.status === 'failed').length,
        notifications.every((n) => n.status !== 'failed'),
      ),
      invariant('answered 200 but not stored', `${unstored.length} of ${acknowledged.length}`, unstored.length === 0),
      invariant('payments whose status differs from Mercado Pago', `${mismatched} of ${made.length}`, mismatched === 0),
      invariant('payments whose transitions do not chain', chainBroken, chainBroken === 0),
      invariant('transitions applied twice', appliedTwice, appliedTwice === 0),
      invariant('payments with events ≠ applied transitions', eventsOff, eventsOff === 0),
      figure('applied transitions', transitions.length),
      invariant(
        'jobs not succeeded (dead, queued or running)',
        notSucceeded.map(([s, n]) => `${n} ${s}`).join(', ') || `0 of ${jobs.succeeded ?? 0}`,
        notSucceeded.length === 0,
      ),
      invariant('events not delivered to the storefront', `${undelivered.length} of ${events.length}`, undelivered.length === 0),
      invariant('deliveries failing verification', receiver.counts.forged, receiver.counts.forged === 0),
      figure('webhook redeliveries (same id, accepted once)', receiver.counts.duplicates),
    ],
    failures,
  };
}
