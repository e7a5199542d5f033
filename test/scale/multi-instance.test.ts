import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../src/runtime/instance.js';
import { SAMPLE_ORDER } from '../helpers/api.js';
import { spawnServer, type ServerProcess } from '../helpers/cli.js';
import { openTestInstance } from '../helpers/instance.js';
import { waitFor } from '../helpers/mercadopago.js';
import { startReceiver } from '../helpers/receiver.js';
import { createTestDatabase, onPostgres } from '../helpers/test-database.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startCountingSimulator } from './counting-simulator.js';
import { pool, sendRetrying } from './load.js';
import { startRoundRobinProxy } from './round-robin-proxy.js';

/** Notifications posted in all (BAAS_SCALE_NOTIFICATIONS changes it), about one payment per 25 of them. */
const NOTIFICATIONS = Number(process.env.BAAS_SCALE_NOTIFICATIONS || 5000);
const PAYMENTS = Math.max(20, Math.round(NOTIFICATIONS / 25));
/** Test cardholders: APRO is approved, OTHE rejected, CONT in process until MP settles it. */
const CARDHOLDERS = ['APRO', 'OTHE', 'CONT', 'CONT'] as const;

interface Sale {
  paymentId: string;
  mpId: string;
  cardholder: (typeof CARDHOLDERS)[number];
  /** An in-process payment MP approves while the notifications pour in. */
  approvedLater: boolean;
}

interface Notice {
  mpId: string;
  /** MP's notification id: its redeliveries share it. */
  id: number;
}

interface JobRow {
  id: string;
  type: string;
  status: string;
  attempts: number;
  payload: string | Record<string, string>;
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const finalStatus = (sale: Sale) =>
  sale.cardholder === 'APRO' || sale.approvedLater ? 'approved' : sale.cardholder === 'OTHE' ? 'rejected' : 'in_process';

const payloadOf = (job: JobRow) => (typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload) as Record<string, string>;

/** The shared periodic tasks an instance ran, from its debug lines, as `task@tick`. */
function sharedTicks(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"periodic task done"'))
    .map((line) => JSON.parse(line) as { task: string; tick: string; scope: string })
    .filter((run) => run.scope === 'cluster')
    .map((run) => `${run.task}@${run.tick}`);
}

/** The running jobs whose lease the process `pid` holds. */
async function runningOn(admin: Instance, pid: number): Promise<string[]> {
  const rows = await admin.orm.em
    .fork()
    .execute<{ id: string }[]>("select id from jobs where status = 'running' and lease_owner like ?", [`%:${pid}:%`]);
  return rows.map((row) => row.id);
}

describe('three instances on one PostgreSQL database behind a load balancer', () => {
  it(
    `take ${NOTIFICATIONS} notifications and the events they cause once each while one instance is killed and restarted`,
    { timeout: 600_000 },
    async ({ skip }) => {
      skip(!onPostgres, 'several instances share a database only on PostgreSQL');
      const started = Date.now();
      // The world outside: Mercado Pago, the storefront's webhook endpoint, the load balancer.
      const mp = await startCountingSimulator();
      closers.push(() => mp.close());
      const receiver = await startReceiver();
      const upstreams: string[] = [];
      const proxy = await startRoundRobinProxy(() => upstreams);
      closers.push(() => proxy.close());

      // Three hosts: one database and one master key between them, a data dir each.
      const database = await createTestDatabase();
      const masterKey = randomBytes(32).toString('base64');
      const envOf = (dataDir: string): NodeJS.ProcessEnv => ({
        BAAS_DATA_DIR: dataDir,
        BAAS_DATABASE_URL: database,
        BAAS_MASTER_KEY: masterKey,
        BAAS_PUBLIC_URL: proxy.url,
        BAAS_MERCADOPAGO_API_URL: mp.url,
        BAAS_WEBHOOK_ALLOW_PRIVATE: 'true',
        // The debug lines tell which instance ran each periodic task at which tick.
        BAAS_LOG_LEVEL: 'debug',
        BAAS_RATE_LIMIT_PER_SECOND: '100000',
        BAAS_RATE_LIMIT_BURST: '100000',
        BAAS_HOOKS_RATE_LIMIT_PER_SECOND: '100000',
        BAAS_HOOKS_RATE_LIMIT_BURST: '100000',
      });
      const dataDirs = [tempDir('baas-a'), tempDir('baas-b'), tempDir('baas-c')];
      const start = async (dataDir: string) => {
        const server = await spawnServer(envOf(dataDir));
        closers.push(async () => {
          server.child.kill('SIGTERM');
          await server.exited;
        });
        return server;
      };
      // All three start at once on the empty database: one migrates, one makes the demo store.
      const servers: ServerProcess[] = await Promise.all(dataDirs.map(start));
      const outputs: (() => string)[] = servers.map((server) => server.output);
      upstreams.push(...servers.map((server) => server.url));
      expect(servers.filter((server) => server.ready.demo_store !== null)).toHaveLength(1);

      const admin = await openTestInstance({ env: envOf(tempDir('baas-admin')) });
      const db = () => admin.orm.em.fork();
      const { store, testKey } = await admin.stores.create({
        name: 'Loja Escala',
        currency: 'BRL',
        locale: 'pt-BR',
        credentials: { 'mercadopago.access_token': 'TEST-5555123412341234-scale' },
      });
      const api = async (path: string, body: unknown, idempotencyKey?: string) => {
        const response = await sendRetrying(`${proxy.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${testKey.secret}`,
            'content-type': 'application/json',
            ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          },
          body: JSON.stringify(body),
        });
        expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
        return (await response.json()) as { id: string; provider_payment_id: string };
      };
      await api('/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['*'] });

      // Sales by card, spread over the instances by the load balancer.
      const sales: Sale[] = [];
      await pool(
        Array.from({ length: PAYMENTS }, (_, i) => i),
        8,
        async (i) => {
          const cardholder = CARDHOLDERS[i % CARDHOLDERS.length]!;
          const order = await api('/v1/orders', SAMPLE_ORDER, `order-${i}`);
          const payment = await api(
            '/v1/payments',
            {
              order_id: order.id,
              method: 'card',
              token: mp.simulator.controls.createCardToken(cardholder).id,
              payment_method_id: 'master',
              installments: 1,
              payer: { email: 'ana@example.com' },
            },
            `payment-${i}`,
          );
          sales.push({
            paymentId: payment.id,
            mpId: payment.provider_payment_id,
            cardholder,
            approvedLater: cardholder === 'CONT' && i % 8 < 4,
          });
        },
      );

      // Notifications as MP sends them in a busy hour: several per payment, each delivered
      // twice, in no particular order. baas gives MP no notification URL that is not https, so
      // the test delivers them itself, as MP would, through the load balancer.
      const notify = async (notice: Notice) => {
        const response = await sendRetrying(`${proxy.url}/hooks/mercadopago/${store.id}?data.id=${notice.mpId}&type=payment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() },
          body: JSON.stringify({ id: notice.id, type: 'payment', action: 'payment.updated', live_mode: false, data: { id: notice.mpId } }),
        });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      };
      const perPayment = Math.ceil(NOTIFICATIONS / PAYMENTS / 2);
      const notices = sales
        .flatMap((sale, i) => Array.from({ length: perPayment }, (_, n): Notice => ({ mpId: sale.mpId, id: 1e9 + i * 1000 + n })))
        .flatMap((notice) => [notice, notice])
        .slice(0, NOTIFICATIONS)
        .sort(() => Math.random() - 0.5);

      // A third of the way in, one instance is killed mid-work (SIGKILL: no goodbye), and
      // comes back 1.5 s later; halfway, MP approves the payments in process.
      const victim = servers[1]!;
      let inFlight = new Set<string>();
      let restarted: Promise<void> = Promise.resolve();
      const killAndRestart = async () => {
        await waitFor(async () => (await runningOn(admin, victim.child.pid!)).length > 0, 3_000, 'the victim to run a job').catch(
          () => undefined,
        );
        victim.child.kill('SIGKILL');
        await victim.exited;
        upstreams.splice(upstreams.indexOf(victim.url), 1);
        // What it was running when it died: the only jobs that may run twice.
        inFlight = new Set(await runningOn(admin, victim.child.pid!));
        restarted = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          const again = await start(dataDirs[1]!);
          outputs.push(again.output);
          upstreams.push(again.url);
        })();
      };
      const approveInProcess = async () => {
        const approvals = sales.filter((sale) => sale.approvedLater).map((sale): Notice => ({ mpId: sale.mpId, id: Number(sale.mpId) }));
        for (const { mpId } of approvals) mp.simulator.controls.forcePaymentStatus(Number(mpId), 'approved', 'accredited');
        await pool([...approvals, ...approvals], 4, notify);
      };
      await pool(notices, 16, async (notice, index) => {
        if (index === Math.floor(notices.length / 3)) await killAndRestart();
        if (index === Math.floor(notices.length / 2)) await approveInProcess();
        await notify(notice);
      });
      await restarted;

      // Everything settles: no job is left to run, every webhook has arrived.
      await waitFor(
        async () => {
          const [row] = await db().execute<{ n: string }[]>("select count(*) as n from jobs where status in ('queued', 'running')");
          return Number(row!.n) === 0;
        },
        180_000,
        'every job to finish',
      );
      const events = (await db().execute<{ id: string }[]>('select id from events where store_id = ?', [store.id])).map((e) => e.id);
      const delivered = () => new Set(receiver.received.map((request) => String(request.headers['webhook-id'])));
      await waitFor(async () => delivered().size >= events.length, 30_000, 'every webhook');

      // Every payment ends where its buyer and MP took it.
      const statuses = new Map(
        (await db().execute<{ id: string; status: string }[]>('select id, status from payments')).map((row) => [row.id, row.status]),
      );
      for (const sale of sales) expect(statuses.get(sale.paymentId), `${sale.paymentId} (${sale.cardholder})`).toBe(finalStatus(sale));

      // Every notification MP sent was acted on, in one of its deliveries at least. (A redelivery
      // arriving after its twin's job finished has no job of its own and stays 'received'.)
      const stored = await db().execute<{ status: string; body: string }[]>('select status, body from provider_notifications');
      const actedOn = new Set(stored.filter((n) => n.status === 'processed').map((n) => JSON.parse(n.body).id));
      expect(stored.filter((n) => !actedOn.has(JSON.parse(n.body).id)).map((n) => [n.status, n.body])).toEqual([]);
      expect(stored.length).toBeGreaterThanOrEqual(notices.length);

      // Every job ran exactly once, but those the killed instance was running, which ran once more…
      const jobs = await db().execute<JobRow[]>('select id, type, status, attempts, payload from jobs');
      expect(jobs.filter((job) => job.status !== 'succeeded')).toEqual([]);
      expect(jobs.filter((job) => job.attempts !== (inFlight.has(job.id) ? 2 : 1)).map((job) => [job.type, job.attempts])).toEqual([]);
      // …as counted where the effects land: each event's webhook id at the receiver…
      const deliveries = new Map<string, number>();
      for (const request of receiver.received) {
        const id = String(request.headers['webhook-id']);
        deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      }
      const webhookJobs = jobs.filter((job) => job.type === 'webhook.deliver');
      expect(webhookJobs).toHaveLength(events.length);
      expect([...delivered()].sort()).toEqual([...events].sort());
      for (const job of webhookJobs) {
        const eventId = payloadOf(job).event_id!;
        expect(inFlight.has(job.id) ? [1, 2] : [1], `deliveries of ${eventId}`).toContain(deliveries.get(eventId));
      }
      // …and each payment's reads at MP: one per run (a run the kill cut short may have died before its read).
      const runs = new Map<string, { least: number; most: number }>();
      for (const job of jobs.filter((j) => j.type === 'mercadopago.notification')) {
        const range = runs.get(payloadOf(job).payment_id!) ?? { least: 0, most: 0 };
        range.most += job.attempts;
        range.least += inFlight.has(job.id) ? job.attempts - 1 : job.attempts;
        runs.set(payloadOf(job).payment_id!, range);
      }
      for (const sale of sales) {
        const reads = mp.reads.get(sale.mpId) ?? 0;
        const { least, most } = runs.get(sale.mpId) ?? { least: 0, most: 0 };
        expect(reads >= least && reads <= most, `MP payment ${sale.mpId} read ${reads} times for ${least}–${most} runs`).toBe(true);
      }

      // The work was spread over the instances, and no shared periodic task ran twice in one tick.
      const logs = outputs.map((output) => output());
      expect(logs.filter((log) => log.includes('"job done"')).length).toBeGreaterThanOrEqual(3);
      const ticks = logs.flatMap(sharedTicks);
      const seconds = (Date.now() - started) / 1000;
      expect(ticks.filter((tick) => tick.startsWith('jobs-leases@')).length).toBeGreaterThanOrEqual(Math.floor(seconds / 10) - 2);
      expect(ticks.length - new Set(ticks).size).toBe(0);
      console.log(
        `scale: ${PAYMENTS} payments, ${stored.length} notifications, ${events.length} events, ${jobs.length} jobs ` +
          `(${inFlight.size} in flight when an instance was killed), ${ticks.length} shared ticks, ${seconds.toFixed(0)} s`,
      );
    },
  );
});
