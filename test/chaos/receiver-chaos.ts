import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/load.js';
import { DELIVER_WEBHOOK } from '../../src/modules/webhooks/fan-out.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startServer } from '../../src/runtime/server.js';
import { benchApi, ORDER } from '../bench/api.js';
import { SERVER_ENV } from '../bench/processes.js';
import { ChaosDatabase } from './database.js';
import { seeded } from './random.js';
import { figure, invariant, type ScenarioResult } from './scenario.js';
import { VerifyingReceiver } from './verifying-receiver.js';

export interface ReceiverOptions {
  seed: number;
  /** Orders created, each an order.created event sent to every endpoint. */
  events: number;
  /** Endpoints of the storefront; four fill the runner's 16 workers (4 per endpoint at most). */
  endpoints: number;
}

export const RECEIVER_FULL: Omit<ReceiverOptions, 'seed'> = { events: 100, endpoints: 4 };
export const RECEIVER_SHORT: Omit<ReceiverOptions, 'seed'> = { events: 8, endpoints: 2 };

/** The storefront: 30% 5xx, 10% never answered (baas waits its 15 s), 5% connection reset. */
const FAULTS = { serverErrors: 0.3, timeouts: 0.1, resets: 0.05 };
const DEADLINE_MS = 240_000;

/**
 * Events to a storefront that fails almost half the time, with the retry schedule's minutes and
 * hours fast-forwarded: every event must reach every endpoint, verified, and be accepted once.
 * The server runs in this process so that a fast-forward can be followed by a sweep at once
 * (a separate process would only notice on its 10 s cron).
 */
export async function receiverScenario(options: ReceiverOptions): Promise<ScenarioResult> {
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'baas-chaos-receiver-'));
  const receiver = await VerifyingReceiver.start(seeded(options.seed), FAULTS);
  const config = loadConfig({ ...SERVER_ENV, BAAS_DATA_DIR: dir, BAAS_LOG_LEVEL: 'error' });
  const server = await startServer(config, createLogger({ level: 'error', fd: 2 }));
  const db = await ChaosDatabase.open(dir);
  try {
    const api = benchApi(server.url, server.demo!.testKey.secret);
    const paths = Array.from({ length: options.endpoints }, (_, i) => `/store-${i}`);
    for (const path of paths) {
      const endpoint = await api.post('/v1/webhook_endpoints', { url: `${receiver.origin}${path}`, enabled_events: ['*'] });
      receiver.trust(path, endpoint.secret);
    }
    for (let i = 0; i < options.events; i++) await api.post('/v1/orders', ORDER);
    const events = (await db.query<{ id: string }>('select id from events')).map((e) => e.id);
    const expected = events.length * paths.length;
    const missing = () =>
      paths.flatMap((path) => events.filter((id) => !receiver.accepted.get(path)!.has(id)).map((id) => `${path} ${id}`));

    let retriedDead = 0;
    const deadline = Date.now() + DEADLINE_MS;
    while (missing().length > 0 && Date.now() < deadline) {
      // A delivery out of attempts is dead; the operator's `baas jobs retry --all-dead` puts it back.
      retriedDead += (await server.instance.jobAdmin.retryDead({ type: DELIVER_WEBHOOK })).length;
      if ((await db.fastForwardJobs()) > 0 || retriedDead > 0) server.runner.wake();
      await sleep(250);
    }
    await sleep(500); // the last attempts' rows are written in a batch after the answer
    const attemptRows = await db.query<{ error_class: string | null; n: number }>(
      'select error_class, count(*) as n from webhook_deliveries group by error_class order by n desc',
    );
    const recorded = attemptRows.reduce((sum, row) => sum + Number(row.n), 0);
    const notDelivered = missing();
    return {
      name: 'receiver chaos: 30% 5xx, 10% timeouts, 5% resets',
      seed: options.seed,
      seconds: Math.round((performance.now() - began) / 1000),
      checks: [
        figure('events × endpoints', `${events.length} × ${paths.length} = ${expected}`),
        figure(
          'attempts the storefront saw',
          `${receiver.counts.requests}: ${receiver.counts.serverErrors} 5xx, ${receiver.counts.timeouts} timeouts, ${receiver.counts.resets} resets`,
        ),
        figure('attempts recorded by baas, by error class', attemptRows.map((r) => `${r.error_class ?? 'ok'} ${r.n}`).join(', ')),
        invariant(
          'attempts the storefront saw that baas did not record',
          Math.max(0, receiver.counts.requests - recorded),
          recorded >= receiver.counts.requests,
        ),
        figure('deliveries dead after the whole schedule, retried by the operator', retriedDead),
        invariant('deliveries never accepted', `${notDelivered.length} of ${expected}`, notDelivered.length === 0),
        invariant(
          'webhook ids accepted (each once per endpoint)',
          `${receiver.counts.accepted} of ${expected}`,
          receiver.counts.accepted === expected,
        ),
        figure('redeliveries of an accepted id (ignored by the storefront)', receiver.counts.duplicates),
        invariant('deliveries failing verification', receiver.counts.forged, receiver.counts.forged === 0),
      ],
      failures: notDelivered.slice(0, 10).map((m) => `never accepted: ${m}`),
    };
  } finally {
    await db.close();
    await receiver.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
