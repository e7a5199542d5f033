import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sqlite3 from 'sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { cacheStatements } from '../../../src/db/sqlite-statement-cache.js';

const sqlite3 = createRequire(import.meta.url)('sqlite3') as typeof Sqlite3;

/** Two connections to one WAL file: `writer` with the cache, `other` as another process would be. */
async function open() {
  const path = join(mkdtempSync(join(tmpdir(), 'baas-statements-')), 'db.sqlite');
  const writer = new sqlite3.Database(path);
  cacheStatements(writer);
  const other = new sqlite3.Database(path);
  await exec(writer, 'PRAGMA journal_mode = WAL; create table t (id integer primary key, v text)');
  await exec(other, 'PRAGMA busy_timeout = 0');
  return { writer, other };
}

const exec = (db: Sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
const all = (db: Sqlite3.Database, sql: string, params?: unknown[]) =>
  new Promise<unknown[]>((resolve, reject) => db.all(sql, params, (e: Error | null, rows: unknown[]) => (e ? reject(e) : resolve(rows))));
const run = (db: Sqlite3.Database, sql: string, params?: unknown[]) =>
  new Promise<{ lastID: number; changes: number }>((resolve, reject) =>
    db.run(sql, params, function (this: Sqlite3.RunResult, e: Error | null) {
      return e ? reject(e) : resolve({ lastID: this.lastID, changes: this.changes });
    }),
  );
const close = (db: Sqlite3.Database) => new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())));

describe('the writer connection’s prepared statements', () => {
  it('prepares a parameterised statement once and gives each run its own parameters and results', async () => {
    const { writer, other } = await open();
    const prepare = vi.spyOn(writer, 'prepare');
    for (let i = 1; i <= 3; i++) expect(await run(writer, 'insert into t (v) values (?)', [`v${i}`])).toEqual({ lastID: i, changes: 1 });
    expect(await run(writer, 'update t set v = ? where id > ?', ['x', 1])).toEqual({ lastID: 3, changes: 2 });
    expect(await all(writer, 'select v from t where id = ?', [1])).toEqual([{ v: 'v1' }]);
    expect(await all(writer, 'select v from t where id = ?', [2])).toEqual([{ v: 'x' }]);
    expect(await all(writer, 'select v from t where id = ?', [9])).toEqual([]);
    expect(prepare).toHaveBeenCalledTimes(3);
    await close(writer);
    await close(other);
  });

  it('runs calls of one text at the same time on up to four copies, each with its own parameters, rows and results', async () => {
    const { writer, other } = await open();
    const prepare = vi.spyOn(writer, 'prepare');
    const inserted = await Promise.all(Array.from({ length: 8 }, (_, i) => run(writer, 'insert into t (v) values (?)', [`v${i + 1}`])));
    expect(inserted.map((result) => result.changes)).toEqual(Array(8).fill(1));
    expect(new Set(inserted.map((result) => result.lastID)).size).toBe(8);
    // Copies run in whatever order the thread pool takes them: each caller gets its own row.
    const read = await Promise.all(Array.from({ length: 8 }, (_, i) => all(writer, 'select id from t where v = ?', [`v${i + 1}`])));
    expect(read).toEqual(inserted.map((result) => [{ id: result.lastID }]));
    // Four copies of each text at most; one after another, calls reuse them.
    expect(prepare).toHaveBeenCalledTimes(8);
    for (let i = 1; i <= 3; i++) await all(writer, 'select id from t where v = ?', [`v${i}`]);
    expect(prepare).toHaveBeenCalledTimes(8);
    await close(writer);
    await close(other);
  });

  it('leaves no read transaction open: another connection writes after every kind of statement, and its commits are seen', async () => {
    const { writer, other } = await open();
    await run(writer, 'insert into t (v) values (?)', ['a']);
    await all(writer, 'select count(*) as n from t where v <> ?', ['']);
    await all(writer, 'BEGIN IMMEDIATE;');
    await run(writer, 'insert into t (v) values (?)', ['b']);
    await all(writer, 'COMMIT;');
    // run() steps once: a select given to it must not be kept on its first row.
    await run(writer, 'select v from t where v <> ?', ['']);
    // busy_timeout 0: any lock still held by the writer fails this at once.
    await run(other, 'insert into t (v) values (?)', ['from the other']);
    expect(await all(writer, 'select count(*) as n from t where v <> ?', [''])).toEqual([{ n: 3 }]);
    await close(writer);
    await close(other);
  });

  it('reports a statement that does not prepare on every call, and keeps working', async () => {
    const { writer, other } = await open();
    await expect(all(writer, 'select nope from t where id = ?', [1])).rejects.toThrow(/no such column: nope/);
    await expect(all(writer, 'select nope from t where id = ?', [1])).rejects.toThrow(/no such column: nope/);
    await expect(run(writer, 'insert into t (id, v) values (?, ?)', [1, 'a'])).resolves.toMatchObject({ changes: 1 });
    await expect(run(writer, 'insert into t (id, v) values (?, ?)', [1, 'a'])).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(run(writer, 'insert into t (id, v) values (?, ?)', [2, 'b'])).resolves.toMatchObject({ lastID: 2 });
    await close(writer);
    await close(other);
  });

  it('rolls a transaction back with the cached statements', async () => {
    const { writer, other } = await open();
    await all(writer, 'BEGIN IMMEDIATE;');
    await run(writer, 'insert into t (v) values (?)', ['gone']);
    await all(writer, 'ROLLBACK');
    expect(await all(other, 'select count(*) as n from t')).toEqual([{ n: 0 }]);
    await close(writer);
    await close(other);
  });

  it('keeps a bounded number of statements and still closes the connection', async () => {
    const { writer, other } = await open();
    for (let i = 0; i < 300; i++) await all(writer, `select ${i} as n from t where id = ?`, [1]);
    expect(await all(writer, 'select 299 as n, count(*) as c from t where id <> ?', [0])).toEqual([{ n: 299, c: 0 }]);
    await expect(close(writer)).resolves.toBeUndefined();
    await close(other);
  });
});
