import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOrm } from '../../src/db/orm.js';
import { startRoundRobinProxy } from '../scale/round-robin-proxy.js';
import { benchIngest, type IngestFigures } from './notifications.js';
import { createMercadoPagoStore, SERVER_ENV, startProcess, stopProcess } from './processes.js';
import { benchWebhooks, type WebhookFigures } from './webhooks.js';

export interface PostgresFigures {
  instances: number;
  ingest: IngestFigures;
  webhooks: WebhookFigures;
}

/**
 * The ingest and delivery cases on PostgreSQL (`npm run bench -- --db postgres`, under
 * .ci/with-postgres or with BAAS_TEST_DATABASE_URL naming a server): `instances` servers on one
 * fresh database, sharing a master key, behind a round-robin proxy as nginx would put them.
 */
export async function benchOnPostgres(
  serverUrl: string,
  instances: number,
  mercadoPagoUrl: string,
  mp: { token: string; secret: string },
  seconds: number,
): Promise<PostgresFigures> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = await openOrm({ kind: 'postgres', url: serverUrl });
  const sql = (statement: string) => admin.em.getConnection().execute(statement);
  await sql(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = {
    ...SERVER_ENV,
    BAAS_DATABASE_URL: url.toString(),
    BAAS_MASTER_KEY: randomBytes(32).toString('base64'),
    BAAS_MERCADOPAGO_API_URL: mercadoPagoUrl,
  };
  const dirs = Array.from({ length: instances }, () => mkdtempSync(join(tmpdir(), 'baas-bench-pg-')));
  const servers: Awaited<ReturnType<typeof startProcess>>[] = [];
  try {
    // The first one migrates and makes the demo store; the others start on a current schema.
    for (const dir of dirs) servers.push(await startProcess(['bin/run.js', 'start', '--json'], { ...env, BAAS_DATA_DIR: dir }));
    const key = servers[0]!.ready.demo_store!.secret_key;
    const shop = await createMercadoPagoStore(dirs[0]!, mp.token, mp.secret, env);
    const proxy = instances > 1 ? await startRoundRobinProxy(() => servers.map((s) => s.ready.url)) : null;
    const base = proxy?.url ?? servers[0]!.ready.url;
    try {
      const ingest = await benchIngest(base, shop.id, shop.test_key.secret, mp.secret, seconds);
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the backlog drains before deliveries are measured
      return { instances, ingest, webhooks: await benchWebhooks(base, key) };
    } finally {
      await proxy?.close();
    }
  } finally {
    await Promise.all(servers.map((server) => stopProcess(server.child)));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await sql(`drop database if exists ${name} with (force)`);
    await admin.close(true);
  }
}
