/**
 * `npm run bench [-- --json]`: every figure of issue 12 in one run, each server in its own
 * process so the load generator (autocannon, here) does not share its event loop. Figures are
 * also given as ratios to a baseline measured in the same run (bare Koa, `node -e 0`, the
 * Mercado Pago SDK called directly), so they mean the same on any machine. BENCH_SECONDS sets
 * each load's length (5 s: about 2 minutes in all). Progress goes to stderr; the table, or the
 * JSON with --json, to stdout; bench/results/latest.json gets the JSON either way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ACTIVITY_PAIRS, activityCostPercent, benchActivityCost } from './activity.js';
import { benchOrders } from './cases.js';
import { benchColdStart } from './cold-start.js';
import type { Figure } from './figures.js';
import { loader } from './load.js';
import { PeakRss, rssMb } from './memory.js';
import { benchIngest, benchNotificationLatency, signedNotifications } from './notifications.js';
import { benchPaymentOverhead } from './payment-overhead.js';
import { benchOnPostgres } from './postgres.js';
import { createMercadoPagoStore, ROOT, SERVER_ENV, startProcess, stopProcess } from './processes.js';
import { buildReport, renderReport, writeReport } from './report.js';
import { round1 } from './stats.js';
import { benchWebhooks } from './webhooks.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const JSON_OUTPUT = process.argv.includes('--json');
/** `--db postgres` adds the ingest and delivery cases on PostgreSQL, for 1 and 2 instances. */
const POSTGRES = process.argv.includes('--db') && process.argv[process.argv.indexOf('--db') + 1] === 'postgres';
const POSTGRES_URL = process.env.BAAS_TEST_DATABASE_URL;
if (POSTGRES && !POSTGRES_URL) {
  process.stderr.write('bench: --db postgres needs a PostgreSQL server: run .ci/with-postgres npm run bench -- --db postgres\n');
  process.exit(1);
}
const MP_TOKEN = 'TEST-1234567890-bench';
const MP_SECRET = 'bench-webhook-secret';
const progress = (step: string) => process.stderr.write(`bench: ${step}\n`);
// Three decimals, as an integer count of thousandths divided once: 24.6 / 100 would be 0.24600000000000002 in the JSON.
const ratio = (value: number, of: number, to: string) => ({ value: Math.round((value / of) * 1000) / 1000, to });

const began = performance.now();
const load = loader(SECONDS);
const dataDir = mkdtempSync(join(tmpdir(), 'baas-bench-'));
const bare = await startProcess(['--import', 'tsx', 'test/bench/bare-koa.ts'], {});
const floor = await startProcess(['--import', 'tsx', 'test/bench/sqlite-floor.ts'], {});
const ingestFloor = await startProcess(['--import', 'tsx', 'test/bench/ingest-floor.ts'], { BENCH_MP_SECRET: MP_SECRET });
const mercadoPago = await startProcess(['--import', 'tsx', 'test/bench/mp-simulator.ts'], {});
const baas = await startProcess(['bin/run.js', 'start', '--json'], {
  ...SERVER_ENV,
  BAAS_DATA_DIR: dataDir,
  BAAS_MERCADOPAGO_API_URL: mercadoPago.ready.url,
});
const figures: Figure[] = [];

try {
  const key = baas.ready.demo_store!.secret_key;
  // A store with its own credentials talks to the simulator in its own process, as Mercado Pago is remote in production.
  const shop = await createMercadoPagoStore(dataDir, MP_TOKEN, MP_SECRET);
  await sleep(2000);
  const idleMb = rssMb(baas.child.pid!);

  progress('bare Koa baseline');
  const baseline = await load({ url: bare.ready.url });
  const bareRps = baseline.requestsPerSecond;
  progress('bare Koa + two SQLite reads per request');
  const driverFloor = await load({ url: floor.ready.url });
  progress('bare Koa + a signed notification group-committed');
  const notificationFloor = await signedNotifications(ingestFloor.ready.url, 'floor', ['1001', '1002', '1003'], MP_SECRET, SECONDS);
  const peak = new PeakRss(baas.child.pid!);
  const measured = await peak.during(async () => {
    progress('GET /healthz');
    const health = await load({ url: `${baas.ready.url}/healthz` });
    progress('GET and POST /v1/orders');
    const orders = await benchOrders(load, baas.ready.url, key);
    progress('Mercado Pago notification ingest');
    const ingest = await benchIngest(baas.ready.url, shop.id, shop.test_key.secret, MP_SECRET, SECONDS);
    await sleep(3000); // the processing backlog drains before latencies are taken
    const notified = await benchNotificationLatency(baas.ready.url, key);
    progress('webhooks');
    const webhooks = await benchWebhooks(baas.ready.url, key);
    progress('card payment: API vs the SDK directly');
    const payment = await benchPaymentOverhead(baas.ready.url, shop.test_key.secret, mercadoPago.ready.url, MP_TOKEN);
    return { health, orders, ingest, notified, webhooks, payment };
  });
  await sleep(2000);
  const afterMb = rssMb(baas.child.pid!);
  const { health, orders, ingest, notified, webhooks, payment } = measured;
  const perf = (r: { p50: number; p99: number; errors: number }) =>
    `p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`;

  figures.push(
    { id: 'bare_koa_rps', name: 'bare Koa GET / (baseline)', value: bareRps, unit: 'req/s', note: perf(baseline) },
    {
      id: 'sqlite_floor_rps',
      name: 'bare Koa + 2 SQLite reads/request',
      value: driverFloor.requestsPerSecond,
      unit: 'req/s',
      ratio: ratio(driverFloor.requestsPerSecond, bareRps, 'bare Koa'),
      note: `the driver's floor for an authenticated GET (its key, its row); ${perf(driverFloor)}`,
    },
    {
      id: 'healthz_rps',
      name: 'GET /healthz (no key, no database)',
      value: health.requestsPerSecond,
      unit: 'req/s',
      ratio: ratio(health.requestsPerSecond, bareRps, 'bare Koa'),
      note: `baas's middleware alone, which every request pays before its own work; ${perf(health)}`,
    },
    {
      id: 'get_order_rps',
      name: 'GET /v1/orders/:id (authenticated)',
      value: orders.get.requestsPerSecond,
      unit: 'req/s',
      ratio: ratio(orders.get.requestsPerSecond, bareRps, 'bare Koa'),
      target: { on: 'ratio', op: '>=', limit: 0.5, issue: 12 },
      note: `${perf(orders.get)}; ${round1((orders.get.requestsPerSecond / driverFloor.requestsPerSecond) * 100)} % of the 2-read floor`,
    },
    {
      id: 'post_order_rps',
      name: 'POST /v1/orders (write + event)',
      value: orders.post.requestsPerSecond,
      unit: 'req/s',
      ratio: ratio(orders.post.requestsPerSecond, bareRps, 'bare Koa'),
      note: perf(orders.post),
    },
    {
      id: 'ingest_rps',
      name: 'signed MP notification ingest',
      value: ingest.requestsPerSecond,
      unit: 'req/s',
      ratio: ratio(ingest.requestsPerSecond, bareRps, 'bare Koa'),
      target: { on: 'value', op: '>=', limit: 3000, issue: 6 },
      note: `stored + enqueued before the 200, then processed; ${ingest.errors} errors`,
    },
    {
      id: 'ingest_floor_rps',
      name: 'bare Koa + signature check + group-committed writes',
      value: notificationFloor.requestsPerSecond,
      unit: 'req/s',
      ratio: ratio(notificationFloor.requestsPerSecond, bareRps, 'bare Koa'),
      note: `the driver's floor for ingest (the same load; notification and job committed before the 200); ${perf(notificationFloor)}`,
    },
    {
      id: 'ingest_p99_ms',
      name: 'signed MP notification ingest p99',
      value: ingest.p99,
      unit: 'ms',
      target: { on: 'value', op: '<=', limit: 20, issue: 6 },
      note: `p50 ${ingest.p50} ms`,
    },
    {
      id: 'notification_to_transition_p50_ms',
      name: 'simulator change → applied transition p50',
      value: notified.p50,
      unit: 'ms',
      note: `p99 ${notified.p99} ms, ${notified.samples} samples`,
    },
    {
      id: 'webhook_latency_p50_ms',
      name: 'event → first webhook delivery p50',
      value: webhooks.latencyP50,
      unit: 'ms',
      target: { on: 'value', op: '<=', limit: 20, issue: 7 },
    },
    {
      id: 'webhook_latency_p99_ms',
      name: 'event → first webhook delivery p99',
      value: webhooks.latencyP99,
      unit: 'ms',
      target: { on: 'value', op: '<=', limit: 100, issue: 7 },
    },
    {
      id: 'deliveries_per_second',
      name: 'deliveries/s to 10 endpoints (sustained)',
      value: webhooks.deliveriesPerSecond,
      unit: '/s',
      target: { on: 'value', op: '>=', limit: 1500, issue: 7 },
      note: `${webhooks.deliveries} deliveries while the orders are created; ${webhooks.drainPerSecond}/s draining the backlog after`,
    },
    {
      id: 'card_payment_p50_ms',
      name: 'card payment via POST /v1/payments p50',
      value: round1(payment.apiP50),
      unit: 'ms',
      ratio: ratio(payment.apiP50, payment.sdkP50, 'the SDK directly'),
      note: `the SDK directly: p50 ${round1(payment.sdkP50)} ms; ${payment.samples} samples each`,
    },
    {
      id: 'api_overhead_p50_ms',
      name: 'API overhead over the SDK directly, p50',
      value: round1(payment.apiP50 - payment.sdkP50),
      unit: 'ms',
      target: { on: 'value', op: '<=', limit: 1.5, issue: 12 },
    },
    {
      id: 'rss_idle_mb',
      name: 'server RSS idle (after start)',
      value: idleMb,
      unit: 'MB',
      target: { on: 'value', op: '<=', limit: 120, issue: 12 },
    },
    {
      id: 'rss_load_mb',
      name: 'server RSS under load (peak)',
      value: peak.mb,
      unit: 'MB',
      target: { on: 'value', op: '<=', limit: 250, issue: 12 },
    },
    { id: 'rss_after_mb', name: 'server RSS idle after the load', value: afterMb, unit: 'MB' },
  );

  for (const instances of POSTGRES ? [1, 2] : []) {
    progress(`PostgreSQL, ${instances} instance(s)`);
    const pgFigures = await benchOnPostgres(
      POSTGRES_URL!,
      instances,
      mercadoPago.ready.url,
      { token: MP_TOKEN, secret: MP_SECRET },
      SECONDS,
    );
    const on = `on PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''}`;
    figures.push(
      {
        id: `pg${instances}_ingest_rps`,
        name: `signed MP notification ingest ${on}`,
        value: pgFigures.ingest.requestsPerSecond,
        unit: 'req/s',
        ratio: ratio(pgFigures.ingest.requestsPerSecond, ingest.requestsPerSecond, 'SQLite'),
        note: perf(pgFigures.ingest),
      },
      {
        id: `pg${instances}_webhook_latency_p50_ms`,
        name: `event → first webhook delivery p50 ${on}`,
        value: pgFigures.webhooks.latencyP50,
        unit: 'ms',
        note: `p99 ${pgFigures.webhooks.latencyP99} ms`,
      },
      {
        id: `pg${instances}_deliveries_per_second`,
        name: `deliveries/s to 10 endpoints ${on}`,
        value: pgFigures.webhooks.deliveriesPerSecond,
        unit: '/s',
        ratio: ratio(pgFigures.webhooks.deliveriesPerSecond, webhooks.deliveriesPerSecond, 'SQLite'),
        note: `${pgFigures.webhooks.drainPerSecond}/s draining the backlog after`,
      },
    );
  }

  progress('activity log on and off, alternating');
  const cost = await benchActivityCost(load);
  for (const [id, label, on, without] of [
    ['activity_cost_get_pct', 'GET /v1/orders/:id', cost.on.get, cost.off.get],
    ['activity_cost_post_pct', 'POST /v1/orders', cost.on.post, cost.off.post],
  ] as const) {
    figures.push({
      id,
      name: `activity log cost, ${label}`,
      value: activityCostPercent(on.requestsPerSecond, without.requestsPerSecond),
      unit: '%',
      target: { on: 'value', op: '<', limit: 15, issue: 9 },
      note: `medians of ${ACTIVITY_PAIRS} alternating pairs of fresh servers: on ${on.requestsPerSecond} req/s, off ${without.requestsPerSecond} req/s`,
    });
  }
} finally {
  await Promise.all([
    stopProcess(bare.child),
    stopProcess(floor.child),
    stopProcess(ingestFloor.child),
    stopProcess(mercadoPago.child),
    stopProcess(baas.child),
  ]);
}

try {
  progress('CLI cold start');
  const cold = benchColdStart(dataDir);
  figures.push(
    { id: 'node_cold_ms', name: 'node -e 0 (baseline)', value: Math.round(cold.nodeMs), unit: 'ms' },
    ...(
      [
        ['help_cold_ms', 'baas --help', cold.helpMs],
        ['stores_list_cold_ms', 'baas stores list', cold.storesListMs],
      ] as const
    ).map(([id, name, ms]) => ({
      id,
      name: `${name} cold start`,
      value: Math.round(ms),
      unit: 'ms',
      ratio: ratio(ms, cold.nodeMs, 'node -e 0'),
      target: { on: 'ratio' as const, op: '<=' as const, limit: 5, issue: 12 },
    })),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const report = buildReport(figures, {
  measured_at: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: availableParallelism(),
  load_seconds: SECONDS,
  wall_seconds: Math.round((performance.now() - began) / 1000),
});
writeReport(join(ROOT, 'bench/results/latest.json'), report);
process.stdout.write(`${JSON_OUTPUT ? JSON.stringify(report, null, 2) : renderReport(report)}\n`);
