import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchApi, ORDER } from '../bench/api.js';
import { ChaosDatabase } from './database.js';
import { routesOf } from './fuzz-routes.js';
import { fuzzRequest, type Target } from './fuzz-requests.js';
import { seeded } from './random.js';
import { rawRequest, type RawResponse } from './raw-http.js';
import { figure, invariant, type ScenarioResult } from './scenario.js';
import { ServerProcess } from './server-process.js';

export interface FuzzOptions {
  seed: number;
  requests: number;
  /** Requests in flight at once; the database is compared around each such batch. */
  concurrency: number;
}

export const FUZZ_FULL: Omit<FuzzOptions, 'seed'> = { requests: 10_000, concurrency: 8 };
export const FUZZ_SHORT: Omit<FuzzOptions, 'seed'> = { requests: 1_000, concurrency: 8 };

/**
 * Tables a rejected request may write by design, left out of the comparison: every request is
 * in the activity log, and an Idempotency-Key keeps its first answer, errors included.
 */
const WRITTEN_BY_DESIGN = new Set(['activity_log', 'idempotency_keys']);
const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A frame of a V8 stack trace, or a path into the code. */
const STACK_TRACE = /\n\s+at \S+ \(?\S+:\d+:\d+\)?|node:internal|\/(?:src|dist|node_modules)\/\S+\.[jt]s\b/;

/**
 * Malformed and hostile requests, round-robin over every route of /openapi.json, against a
 * server in its own process: no 5xx, no stack trace, nothing reflected, the process alive, and
 * the database unchanged by every batch of requests that were all rejected.
 */
export async function fuzzScenario(options: FuzzOptions): Promise<ScenarioResult> {
  const began = performance.now();
  const random = seeded(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'baas-chaos-fuzz-'));
  // Any URL in a fuzzed body points here: no request of the fuzz leaves the machine.
  const sink = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hooks`;
  const server = new ServerProcess({ BAAS_DATA_DIR: dir });
  let db: ChaosDatabase | undefined;
  try {
    const ready = await server.start();
    const port = Number(new URL(ready.url).port);
    const target = await fixtures(ready.url, ready.demo_store!.id, ready.demo_store!.secret_key, sinkUrl);
    const routes = routesOf((await (await fetch(`${ready.url}/openapi.json`)).json()) as Parameters<typeof routesOf>[0]);
    db = await ChaosDatabase.open(dir);
    const tables = (await db.tables()).filter((t) => !WRITTEN_BY_DESIGN.has(t));
    const snapshot = async () => ({ counts: await db!.rowCounts(tables), jobs: await jobActivity(db!) });

    const statuses = new Map<number, number>();
    /** 429s to requests from 127.0.0.1: requests that never reached the route, so they test less. */
    let throttledMain = 0;
    const failures: string[] = [];
    const broken = { serverErrors: 0, unanswered: 0, stackTraces: 0, reflected: 0, changedDb: 0 };
    const batches = { judged: 0, accepted: 0, jobsBusy: 0 };
    for (let sent = 0; sent < options.requests; ) {
      const before = await snapshot();
      const batch = Array.from({ length: Math.min(options.concurrency, options.requests - sent) }, () =>
        fuzzRequest(random, routes[sent++ % routes.length]!, target),
      );
      const answers = await Promise.all(batch.map(({ request }) => rawRequest(port, request).catch((error: Error) => error)));
      let wrote = false;
      let smuggling = false;
      answers.forEach((answer, i) => {
        const { request, mutations } = batch[i]!;
        const specimen = `${request.method} ${request.target.slice(0, 100)} [${mutations.join(', ')}]`;
        if (answer instanceof Error) {
          broken.unanswered++;
          failures.push(`${specimen}: ${answer.message}`);
          return;
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 429 && !request.localAddress) throttledMain++;
        // A CR LF in a header value ends the request early: what came before it is a request of its own, which may be accepted.
        const smuggled = request.headers.some(([, value]) => value.includes('\r\n'));
        smuggling ||= smuggled;
        if (smuggled || (answer.status < 400 && !READ_ONLY.has(request.method.toUpperCase()))) wrote = true;
        for (const problem of problems(answer)) {
          broken[problem]++;
          failures.push(`${specimen} → ${answer.status} ${answer.body.slice(0, 160)}`);
        }
      });
      const after = await snapshot();
      // The smuggled request runs after the answer to the one that carried it, so it may still be
      // writing when this batch is over: the next batch starts once the database is still.
      if (smuggling) await stillDatabase(snapshot);
      if (wrote) batches.accepted++;
      else if (before.jobs !== after.jobs || after.jobs.startsWith('running')) batches.jobsBusy++;
      else {
        batches.judged++;
        const changed = tables.filter((t) => before.counts[t] !== after.counts[t]);
        if (changed.length) {
          broken.changedDb++;
          failures.push(
            `rejected batch changed ${changed.map((t) => `${t} ${before.counts[t]}→${after.counts[t]}`).join(', ')}: ${batch.map((b) => `${b.request.method} ${b.request.target.slice(0, 60)}`).join(' | ')}`,
          );
        }
      }
    }
    const health = await fetch(`${ready.url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    const alive = server.running && health === 200;
    const byClass = (lo: number) => [...statuses].filter(([s]) => s >= lo && s < lo + 100).reduce((sum, [, n]) => sum + n, 0);
    const top = [...statuses]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    return {
      name: 'fuzz: malformed and hostile requests on every route',
      seed: options.seed,
      seconds: Math.round((performance.now() - began) / 1000),
      checks: [
        figure('requests', `${options.requests} over ${routes.length} routes (${new Set(routes.map((r) => r.path)).size} paths)`),
        figure('answers', `2xx ${byClass(200)}, 3xx ${byClass(300)}, 4xx ${byClass(400)}: ${top}`),
        figure('429 to requests with a valid key (from 127.0.0.1)', throttledMain),
        invariant('5xx answers', broken.serverErrors, broken.serverErrors === 0),
        invariant('requests left without an answer', broken.unanswered, broken.unanswered === 0),
        invariant('answers showing a stack trace or source path', broken.stackTraces, broken.stackTraces === 0),
        invariant('answers carrying an injected header', broken.reflected, broken.reflected === 0),
        figure(
          'batches compared (all rejected) / skipped: something accepted / jobs running',
          `${batches.judged} / ${batches.accepted} / ${batches.jobsBusy}`,
        ),
        invariant(`rejected batches that changed a row count (${tables.length} tables)`, broken.changedDb, broken.changedDb === 0),
        invariant('server process alive, /healthz 200', alive ? 'yes' : `no (healthz ${health})`, alive),
      ],
      failures,
    };
  } finally {
    await db?.close();
    await server.stop();
    sink.closeAllConnections();
    sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function problems(answer: RawResponse): ('serverErrors' | 'stackTraces' | 'reflected')[] {
  const found: ('serverErrors' | 'stackTraces' | 'reflected')[] = [];
  // 501 is HTTP's answer to a method the server does not implement (TRACE, PROPFIND…), not a failure.
  if (answer.status >= 500 && !(answer.status === 501 && answer.body.includes('"method_not_implemented"'))) found.push('serverErrors');
  if (STACK_TRACE.test(answer.body)) found.push('stackTraces');
  if ('x-injected' in answer.headers || /[\r\n]/.test(answer.headers['x-request-id'] ?? '')) found.push('reflected');
  return found;
}

/** Waits (at most 5 s) until two snapshots 50 ms apart are the same. */
async function stillDatabase(snapshot: () => Promise<unknown>): Promise<void> {
  let previous = JSON.stringify(await snapshot());
  for (const until = Date.now() + 5000; Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const current = JSON.stringify(await snapshot());
    if (current === previous) return;
    previous = current;
  }
}

/** How many jobs exist, are running and when one last changed: a job may write rows on its own, so a batch is only judged while this stays put. */
async function jobActivity(db: ChaosDatabase): Promise<string> {
  const [row] = await db.query<{ running: number; n: number; latest: number | null }>(
    "select sum(case when status = 'running' then 1 else 0 end) as running, count(*) as n, max(updated_at) as latest from jobs",
  );
  return `${Number(row!.running) > 0 ? 'running' : 'idle'} ${row!.n} ${row!.latest}`;
}

async function fixtures(url: string, storeId: string, key: string, sinkUrl: string): Promise<Target> {
  const api = benchApi(url, key);
  const order = await api.post('/v1/orders', { ...ORDER, customer: { email: 'ana@example.com', name: 'Ana' } });
  const payment = await api.post('/v1/payments', { order_id: order.id, method: 'pix', payer: { email: 'ana@example.com' } });
  const endpoint = await api.post('/v1/webhook_endpoints', { url: sinkUrl, enabled_events: ['*'] });
  const message = await api.post('/v1/messages', { channel: 'email', template: 'order_confirmation', order_id: order.id });
  const event = (await api.get('/v1/events?limit=1')).data[0];
  return {
    key,
    sinkUrl,
    fixtures: {
      order: order.id,
      payment: payment.id,
      providerPayment: payment.provider_payment_id,
      endpoint: endpoint.id,
      event: event.id,
      message: message.id,
      store: storeId,
    },
  };
}
