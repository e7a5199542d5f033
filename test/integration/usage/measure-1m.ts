/**
 * How long `baas usage` takes for a month of a busy store: a million activity rows in November
 * 2026 (900,000 of them API requests of one store, live), another store beside it, and that
 * month's orders, payments, refunds, messages, delivery attempts and notifications. Measures the
 * built CLI end to end (process start included) from the rows, then from the daily roll-ups.
 *
 *   npm run build && node --import tsx test/integration/usage/measure-1m.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { openInstance } from '../../../src/runtime/instance.js';
import { rollUpUsage } from '../../../src/modules/usage/usage-rollup.js';
import { parsePeriod } from '../../../src/modules/usage/usage-period.js';
import { UsageService } from '../../../src/modules/usage/usage.service.js';
import type { Instance } from '../../../src/runtime/instance.js';
import { insertRows, rows, storeCreatedAt } from './seed.js';

/** The built CLI (test/helpers/cli.ts has it too, but loads vitest, which a script cannot). */
const BIN = fileURLToPath(new URL('../../../bin/run.js', import.meta.url));
const FROM = Date.parse('2026-11-01T03:00:00Z'); // 1 November, São Paulo
const TO = Date.parse('2026-12-01T03:00:00Z');
const CHUNK = 100_000;
const RETENTION = { activityRetentionDays: 30, webhookAttemptRetentionDays: 30 };

/** `n` instants spread evenly over November. */
const spread = (n: number, i: number) => new Date(FROM + Math.floor(((TO - FROM) * i) / n));

async function seed(dir: string) {
  const instance = await openInstance(loadConfig({ BAAS_DATA_DIR: dir }), createLogger({ level: 'silent', fd: 2 }), { migrate: true });
  try {
    const busy = (
      await instance.stores.create({ name: 'Loja Movimentada', currency: 'BRL', locale: 'pt-BR', timezone: 'America/Sao_Paulo' })
    ).store;
    const quiet = (await instance.stores.create({ name: 'Loja Calma', currency: 'BRL', locale: 'pt-BR', timezone: 'America/Sao_Paulo' }))
      .store;
    for (const store of [busy, quiet]) await storeCreatedAt(instance.orm, store.id, new Date('2026-09-01T12:00:00Z'));
    const started = Date.now();
    const fill = async (table: string, n: number, make: (i: number) => Record<string, unknown>) => {
      for (let start = 0; start < n; start += CHUNK) {
        await insertRows(
          instance.orm,
          table,
          Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => make(start + i)),
        );
      }
    };
    await fill('activity_log', 1_000_000, (i) =>
      i % 10 === 9 ? rows.otherActivity(busy.id, true, spread(1_000_000, i)) : rows.request(busy.id, true, spread(1_000_000, i)),
    );
    await fill('activity_log', 100_000, (i) => rows.request(quiet.id, true, spread(100_000, i)));
    await fill('orders', 30_000, (i) => rows.order(busy.id, true, spread(30_000, i)));
    await fill('payments', 30_000, (i) =>
      rows.payment(busy.id, true, spread(30_000, i), i % 5 ? 'approved' : 'rejected', 4990, 'BRL', `mp-${i}`),
    );
    await fill('refunds', 3_000, (i) => rows.refund(busy.id, true, spread(3_000, i)));
    await fill('messages', 60_000, (i) =>
      rows.message(busy.id, true, spread(60_000, i), i % 2 ? 'whatsapp' : 'email', 'delivered', `wamid.${i}`),
    );
    await fill('webhook_deliveries', 100_000, (i) => rows.delivery(busy.id, true, spread(100_000, i), i % 20 ? 'succeeded' : 'failed'));
    await fill('provider_notifications', 60_000, (i) =>
      i % 2
        ? rows.notification(busy.id, spread(60_000, i), 'mercadopago', `mp-${i % 30_000}`)
        : rows.notification(busy.id, spread(60_000, i), 'whatsapp', `wamid.${i}`),
    );
    console.log(`seeded 1,383,000 rows (1,100,000 in activity_log) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { instance, busy: busy.id };
  } catch (error) {
    await instance.close();
    throw error;
  }
}

const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/** Median time of the service alone, in this process: the database's share of the command. */
async function timeService(instance: Instance, store: string | undefined, runs = 5): Promise<number> {
  const usage = new UsageService(instance.orm, instance.clock, RETENTION);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await usage.report({ store }, true, parsePeriod({ month: '2026-11' }));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

/** Median wall time of `baas usage …` over `runs` runs, and its last output. */
function timeCli(dir: string, args: string[], runs = 5): { ms: number; stdout: string } {
  const times: number[] = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [BIN, 'usage', ...args], {
      env: { ...process.env, BAAS_DATA_DIR: dir, BAAS_LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`baas usage failed: ${result.stderr}`);
    stdout = result.stdout;
  }
  return { ms: median(times), stdout };
}

const dir = mkdtempSync(join(tmpdir(), 'baas-usage-1m-'));
const { instance, busy } = await seed(dir);
const plan = await instance.orm.em
  .fork()
  .getConnection()
  .execute<
    { detail: string }[]
  >("explain query plan select count(*) as n from activity_log where store_id = ? and livemode = ? and at >= ? and at < ? and kind = 'request'", [busy, true, FROM, TO]);
console.log(`plan of the request count: ${plan.map((row) => row.detail).join('; ')}`);
const serviceFromRows = await timeService(instance, busy);
const serviceAllFromRows = await timeService(instance, undefined);
const baseline = timeCli(dir, ['--store', busy, '--month', '2026-10', '--live']);
const fromRows = timeCli(dir, ['--store', busy, '--month', '2026-11', '--live']);
const allFromRows = timeCli(dir, ['--month', '2026-11', '--live']);

// The hourly task as it would have run, here once a day at noon UTC from 1 October: each run
// rolls up the days that have ended since the last.
const runs: number[] = [];
let days = 0;
for (let at = Date.parse('2026-10-01T12:00:00Z'); at <= Date.parse('2026-12-01T12:00:00Z'); at += 24 * 3600_000) {
  const started = process.hrtime.bigint();
  days += await rollUpUsage(instance.orm, new Date(at), RETENTION);
  runs.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const idleStarted = process.hrtime.bigint();
await rollUpUsage(instance.orm, new Date('2026-12-01T13:00:00Z'), RETENTION);
const idleMs = Number(process.hrtime.bigint() - idleStarted) / 1e6;
const serviceFromRollups = await timeService(instance, busy);
const serviceAllFromRollups = await timeService(instance, undefined);
await instance.close();
const fromRollups = timeCli(dir, ['--store', busy, '--month', '2026-11', '--live']);
const allFromRollups = timeCli(dir, ['--month', '2026-11', '--live']);

console.log(fromRollups.stdout);
console.log(
  `the service, busy store, from the rows / from roll-ups     ${serviceFromRows.toFixed(0)} ms / ${serviceFromRollups.toFixed(0)} ms`,
);
console.log(
  `the service, both stores, from the rows / from roll-ups    ${serviceAllFromRows.toFixed(0)} ms / ${serviceAllFromRollups.toFixed(0)} ms`,
);
console.log(`baas usage --month 2026-10 (an empty month: the CLI's own start-up)  ${baseline.ms.toFixed(0)} ms`);
console.log(`baas usage --store <busy> --month 2026-11, from the rows             ${fromRows.ms.toFixed(0)} ms`);
console.log(`baas usage --month 2026-11 (both stores), from the rows              ${allFromRows.ms.toFixed(0)} ms`);
console.log(
  `roll-up: ${days} store-days in ${runs.length} daily runs, the longest ${Math.max(...runs).toFixed(0)} ms; a run with nothing to do ${idleMs.toFixed(1)} ms`,
);
console.log(`baas usage --store <busy> --month 2026-11, from roll-ups             ${fromRollups.ms.toFixed(0)} ms`);
console.log(`baas usage --month 2026-11 (both stores), from roll-ups              ${allFromRollups.ms.toFixed(0)} ms`);
console.log(`(median of 5 runs each; data dir ${dir})`);
