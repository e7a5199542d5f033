/**
 * `npm run bench`: load on loopback with autocannon, each server in its own process so the
 * load generator does not share its event loop. Results are ratios against a bare Koa server
 * measured in the same run, so they mean the same on any machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchIngest, benchNotificationLatency } from './notifications.js';
import { benchWebhooks } from './webhooks.js';
import { benchActivityCost } from './activity.js';
import { ROOT, startProcess } from './processes.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(name: string, options: autocannon.Options): Promise<Result> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'baas-bench-'));
const bare = await startProcess(['--import', 'tsx', 'test/bench/bare-koa.ts'], {});
const mercadoPago = await startProcess(['--import', 'tsx', 'test/bench/mp-simulator.ts'], {});
const baas = await startProcess(['bin/run.js', 'start', '--json'], {
  BAAS_DATA_DIR: dataDir,
  BAAS_PORT: '0',
  BAAS_RATE_LIMIT_PER_SECOND: '1000000',
  BAAS_RATE_LIMIT_BURST: '1000000',
  BAAS_WEBHOOK_ALLOW_PRIVATE: 'true',
  BAAS_MERCADOPAGO_API_URL: mercadoPago.ready.url,
  BAAS_HOOKS_RATE_LIMIT_PER_SECOND: '1000000',
  BAAS_HOOKS_RATE_LIMIT_BURST: '1000000',
});
const key = baas.ready.demo_store!.secret_key;
const auth = { authorization: `Bearer ${key}` };
const MP_SECRET = 'bench-webhook-secret';
// A store with its own Mercado Pago credentials, pointed at the simulator in its own process
// (as Mercado Pago is remote in production), created while the server runs, as an operator would.
const shop = await new Promise<{ id: string; test_key: { secret: string } }>((resolve, reject) => {
  const child = spawn(
    process.execPath,
    [
      'bin/run.js',
      'stores',
      'create',
      '--name',
      'Bench',
      '--currency',
      'BRL',
      '--locale',
      'pt-BR',
      '--json',
      '--mercadopago-token',
      'TEST-1234567890-bench',
      '--mercadopago-webhook-secret',
      MP_SECRET,
    ],
    { cwd: ROOT, env: { ...process.env, BAAS_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`stores create exited with ${code}`))));
});
const order = JSON.stringify({ items: [{ sku: 'TSHIRT-M', name: 'Camiseta', quantity: 2, unit_amount: 4990 }], shipping_amount: 1500 });

try {
  const results = [
    await load('bare Koa: GET /', { url: bare.ready.url }),
    await load('baas: GET /healthz (no auth)', { url: `${baas.ready.url}/healthz` }),
    await load('baas: GET /v1/store (authenticated no-op)', { url: `${baas.ready.url}/v1/store`, headers: auth }),
    await load('baas: POST /v1/orders (auth + write + event)', {
      url: `${baas.ready.url}/v1/orders`,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: order,
    }),
  ];
  const baseline = results[0]!.requestsPerSecond;
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, node ${process.version}\n`);
  console.log(
    'case'.padEnd(48),
    'req/s'.padStart(8),
    'vs bare'.padStart(8),
    'p50 ms'.padStart(7),
    'p99 ms'.padStart(7),
    'errors'.padStart(7),
  );
  for (const r of results) {
    console.log(
      r.name.padEnd(48),
      String(r.requestsPerSecond).padStart(8),
      (r.requestsPerSecond / baseline).toFixed(2).padStart(8),
      String(r.p50).padStart(7),
      String(r.p99).padStart(7),
      String(r.non2xx).padStart(7),
    );
  }
  const noAuth = results[1]!.requestsPerSecond;
  const withAuth = results[2]!.requestsPerSecond;
  const ingest = await benchIngest(baas.ready.url, shop.id, shop.test_key.secret, MP_SECRET, DURATION_S);
  await new Promise((resolve) => setTimeout(resolve, 3000)); // let the processing backlog drain
  const latency = await benchNotificationLatency(baas.ready.url, key);
  console.log(
    `\nmercadopago notifications (signed, stored + enqueued before the 200, then processed): ${ingest.requestsPerSecond} req/s` +
      ` (${(ingest.requestsPerSecond / baseline).toFixed(2)} of bare Koa), p50 ${ingest.p50} ms, p99 ${ingest.p99} ms, errors ${ingest.errors};` +
      ` simulator change → applied transition p50 ${latency.p50} ms, p99 ${latency.p99} ms (${latency.samples} samples)`,
  );
  const webhooks = await benchWebhooks(baas.ready.url, key);
  console.log(
    `\nwebhooks: event → delivery latency p50 ${webhooks.latencyP50} ms, p99 ${webhooks.latencyP99} ms (1 endpoint, orders one at a time);` +
      ` ${webhooks.deliveriesPerSecond} deliveries/s sustained while the orders are created (${webhooks.deliveries} deliveries to 10 endpoints),` +
      ` ${webhooks.drainPerSecond} deliveries/s draining the backlog once they are`,
  );
  console.log(
    `\nauthentication overhead: ${withAuth} vs ${noAuth} req/s = ${((1 - withAuth / noAuth) * 100).toFixed(1)}% fewer requests per second`,
  );
  const activity = await benchActivityCost(load);
  console.log('\nactivity log cost (a server with BAAS_ACTIVITY_LOG=false beside one with it on, same run):');
  for (const row of activity) {
    console.log(
      `  ${row.name.padEnd(34)} on ${String(row.on).padStart(6)} req/s   off ${String(row.off).padStart(6)} req/s   cost ${row.costPercent.toFixed(1)}%`,
    );
  }
} finally {
  bare.child.kill('SIGTERM');
  mercadoPago.child.kill('SIGTERM');
  baas.child.kill('SIGTERM');
  await new Promise((resolve) => baas.child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
