import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOrm, type Orm } from '../../../src/db/orm.js';
import { copyOrder } from '../../../src/db/copy-order.js';
import { loadConfig } from '../../../src/config/load.js';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { runCli } from '../../helpers/cli.js';
import { payByCard, settled } from '../../helpers/mercadopago.js';
import { startReceiver } from '../../helpers/receiver.js';
import { json, startTestServer } from '../../helpers/server.js';
import { createTestDatabase, onPostgres } from '../../helpers/test-database.js';
import { tempDir } from '../../helpers/temp-dir.js';

/**
 * A single-box install with a bit of everything in it: a store and its keys, an order paid by
 * card and refunded in part, the notification, the events, a webhook endpoint and its
 * deliveries, the e-mails, jobs, idempotency keys and the activity log.
 */
async function singleBoxInstall() {
  const dataDir = tempDir('baas-copy');
  const source = `sqlite:${join(dataDir, 'baas.sqlite')}`;
  const server = await startTestServer({ dataDir, env: { BAAS_DATABASE_URL: source, BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const tenant = await createTenant(server);
  const receiver = await startReceiver();
  await call(server, tenant.keys.test, '/v1/webhook_endpoints', { body: { url: receiver.url, enabled_events: ['*'] } });
  const order = await json(
    await call(server, tenant.keys.test, '/v1/orders', {
      body: { ...SAMPLE_ORDER, notify: { email: true } },
      headers: { 'idempotency-key': 'order-1' },
    }),
  );
  const payment = await json(await payByCard(server, tenant.keys.test, order.id, 'APRO'));
  await call(server, tenant.keys.test, `/v1/payments/${payment.id}/refunds`, { body: { amount: 1500 } });
  await settled(server);
  await receiver.waitFor(3);
  await server.stop();
  return { dataDir, source, tenant, order };
}

/** Every row of every table, by primary key, as JSON: what a copy must reproduce exactly. */
async function everyRow(orm: Orm): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const meta of copyOrder(orm)) {
    const orderBy = Object.fromEntries(meta.primaryKeys.map((key) => [key, 'asc']));
    const found = await orm.em.fork().find(meta.className, {}, { orderBy, filters: false });
    rows[meta.tableName] = JSON.parse(JSON.stringify(found));
  }
  return rows;
}

async function readAll(url: string, dataDir: string): Promise<Record<string, unknown[]>> {
  const orm = await openOrm(loadConfig({ BAAS_DATA_DIR: dataDir, BAAS_DATABASE_URL: url }).database);
  try {
    return await everyRow(orm);
  } finally {
    await orm.close(true);
  }
}

describe(`baas db copy from SQLite to ${onPostgres ? 'PostgreSQL' : 'SQLite (PostgreSQL in npm run test:postgres)'}`, () => {
  it('copies every row of every table, migrating the target first; the copy serves the same data', async () => {
    const install = await singleBoxInstall();
    const target = onPostgres ? await createTestDatabase() : `sqlite:${join(tempDir(), 'target.sqlite')}`;
    const env = { BAAS_DATA_DIR: install.dataDir, BAAS_DATABASE_URL: install.source };

    const copied = await runCli(['db', 'copy', '--to', target, '--json'], { env, timeoutMs: 60_000 });
    expect(copied.code, copied.stderr).toBe(0);
    const report = JSON.parse(copied.stdout);
    const source = await readAll(install.source, install.dataDir);
    expect(report.migrated.length).toBeGreaterThan(0);
    expect(report.tables).toEqual(Object.entries(source).map(([table, rows]) => ({ table, rows: rows.length })));
    // The demo store of the first start and the test's own.
    expect(report.tables.find((t: { table: string }) => t.table === 'stores')).toEqual({ table: 'stores', rows: 2 });
    expect(report.total_rows).toBeGreaterThan(40);
    expect(await readAll(target, install.dataDir)).toEqual(source);

    // Pointed at the copy (same master key), baas serves the same store, keys and orders.
    const server = await startTestServer({ dataDir: install.dataDir, env: { BAAS_DATABASE_URL: target } });
    expect(server.demo).toBeNull();
    const order = await json(await call(server, install.tenant.keys.test, `/v1/orders/${install.order.id}`));
    expect(order).toMatchObject({ id: install.order.id, status: 'partially_refunded' });
  });

  it('refuses a target that holds rows, unless --force, which replaces them', async () => {
    const install = await singleBoxInstall();
    const target = onPostgres ? await createTestDatabase() : `sqlite:${join(tempDir(), 'target.sqlite')}`;
    const env = { BAAS_DATA_DIR: install.dataDir, BAAS_DATABASE_URL: install.source };
    expect((await runCli(['db', 'copy', '--to', target], { env, timeoutMs: 60_000 })).code).toBe(0);

    const again = await runCli(['db', 'copy', '--to', target], { env, timeoutMs: 60_000 });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds rows \(.*stores 2, .*\)\. Copy into an empty database, or pass --force/);

    const forced = await runCli(['db', 'copy', '--to', target, '--force', '--json'], { env, timeoutMs: 60_000 });
    expect(forced.code, forced.stderr).toBe(0);
    const report = JSON.parse(forced.stdout);
    expect(report.migrated).toEqual([]);
    expect(report.replaced).toBe(report.total_rows);
    expect(await readAll(target, install.dataDir)).toEqual(await readAll(install.source, install.dataDir));
  });
});
