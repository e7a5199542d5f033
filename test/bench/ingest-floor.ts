// A third yardstick: the least a signed Mercado Pago notification can cost on this driver.
// Bare Koa reads the raw body, checks the signature with baas's own parser and verifier, and
// commits the notification and its job together before answering (group-committed, as baas
// does: BEGIN IMMEDIATE, two multi-row inserts, COMMIT, on node-sqlite3). What is left between
// this and baas's ingest is baas's own: its middleware, its checks, its job bookkeeping.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import type * as Sqlite3 from 'sqlite3';
import { GroupCommit } from '../../src/db/group-commit.js';
import { multiRowInsert } from '../../src/db/multi-row-insert.js';
import { cacheStatements } from '../../src/db/sqlite-statement-cache.js';
import { parseMercadoPagoNotice, verifyMercadoPagoSignature } from '../../src/providers/mercadopago/notification.js';
import { SIGNATURE_TOLERANCE_MS } from '../../src/modules/notifications/mercadopago-inbox.js';
import { serveYardstick } from './serve-yardstick.js';

const secret = process.env.BENCH_MP_SECRET!;
const sqlite3 = createRequire(import.meta.url)('sqlite3') as typeof Sqlite3;
const dir = mkdtempSync(join(tmpdir(), 'baas-bench-ingest-floor-'));
const database = new sqlite3.Database(join(dir, 'floor.sqlite'));
await new Promise<void>((resolve, reject) =>
  database.exec(
    `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
     create table notifications (id text primary key, query text, body text, received_at integer);
     create table jobs (id text primary key, payload text, dedupe_key text unique, run_at integer);`,
    (error) => (error ? reject(error) : resolve()),
  ),
);

// Kept prepared by the cache baas's writer connection uses, so each statement is one trip here too.
cacheStatements(database);
const run = (sql: string, params: unknown[] = []) =>
  new Promise<void>((resolve, reject) => database.run(sql, params, (error: Error | null) => (error ? reject(error) : resolve())));

interface Received {
  id: string;
  query: string;
  body: string;
  dedupeKey: string;
}

const writer = new GroupCommit<Received>(async (batch) => {
  const now = Date.now();
  const notifications = multiRowInsert(
    'notifications',
    ['id', 'query', 'body', 'received_at'],
    batch.map((n) => [n.id, n.query, n.body, now]),
  );
  const jobs = multiRowInsert(
    'jobs',
    ['id', 'payload', 'dedupe_key', 'run_at'],
    batch.map((n) => [randomUUID(), JSON.stringify({ notification_id: n.id }), n.dedupeKey, now]),
  );
  await run('BEGIN IMMEDIATE;');
  try {
    await run(notifications.sql, notifications.params);
    await run(`${jobs.sql} on conflict do nothing`, jobs.params);
    await run('COMMIT;');
  } catch (error) {
    await run('ROLLBACK;');
    throw error;
  }
});

const app = new Koa();
app.use(async (ctx) => {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const notice = parseMercadoPagoNotice({ query: ctx.query, body: JSON.parse(body) });
  const verdict = verifyMercadoPagoSignature({
    dataId: notice?.signedDataId,
    requestId: ctx.get('x-request-id'),
    header: ctx.get('x-signature'),
    secrets: [secret],
    nowMs: Date.now(),
    toleranceMs: SIGNATURE_TOLERANCE_MS,
  });
  if (!notice || verdict !== 'valid') {
    ctx.status = 401;
    return;
  }
  await writer.submit({ id: randomUUID(), query: ctx.querystring, body, dedupeKey: notice.dedupeBasis ?? randomUUID() });
  ctx.body = { received: true };
});
serveYardstick(app, () => rmSync(dir, { recursive: true, force: true }));
