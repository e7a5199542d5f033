// A second yardstick: bare Koa plus the two SQLite reads an authenticated GET needs at the
// least (its key, its row), through the driver baas uses (node-sqlite3: each statement a hop to
// libuv's thread pool and back). What is left between this and bare Koa is the driver's cost,
// which no change inside baas can remove; what is left between baas and this is baas's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import type * as Sqlite3 from 'sqlite3';
import { serveYardstick } from './serve-yardstick.js';

const sqlite3 = createRequire(import.meta.url)('sqlite3') as typeof Sqlite3;
const dir = mkdtempSync(join(tmpdir(), 'baas-bench-floor-'));
const database = new sqlite3.Database(join(dir, 'floor.sqlite'));
const exec = (sql: string) => new Promise<void>((resolve, reject) => database.exec(sql, (error) => (error ? reject(error) : resolve())));
await exec(
  `PRAGMA journal_mode = WAL; create table rows (id text primary key, body text); insert into rows values ('key', 'k'), ('row', '{"status":"ok"}');`,
);
const statement = database.prepare('select body from rows where id = ?');
const read = (id: string) =>
  new Promise<string>((resolve, reject) =>
    statement.all([id], (error: Error | null, rows: { body: string }[]) => (error ? reject(error) : resolve(rows[0]!.body))),
  );

const app = new Koa();
app.use(async (ctx) => {
  await read('key');
  ctx.body = JSON.parse(await read('row'));
});
serveYardstick(app, () => rmSync(dir, { recursive: true, force: true }));
