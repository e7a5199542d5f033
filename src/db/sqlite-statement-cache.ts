import type * as Sqlite3 from 'sqlite3';

type Method = 'all' | 'run';
type Callback = (this: unknown, error: Error | null, result?: unknown) => void;

/** The statements knex sends for every transaction, without parameters but always the same text. */
const TRANSACTION_CONTROL = new Set(['BEGIN IMMEDIATE;', 'COMMIT;', 'ROLLBACK', 'ROLLBACK;']);
/** Enough for every fixed statement baas writes; texts whose `in (?, …)` list grows with a batch come and go. */
const MAX_STATEMENTS = 128;

/**
 * Keeps the writer connection's parameterised statements prepared. node-sqlite3's
 * `Database.all/run(sql, …)` prepares a new statement, runs it and finalizes it: two trips to
 * libuv's thread pool, each a wake-up of a pool thread and of the event loop, which on a VM
 * cost ~30 µs of the event loop's time and more of the CPU's (measured: 37-45 µs spent in the
 * call alone against 2-35 µs for a prepared one). A statement prepared once runs in one trip.
 *
 * Only texts that recur are kept: those with `?` parameters (our own SQL: batch inserts, job
 * claims and completions, the notification inbox) and transaction control. MikroORM inlines
 * its values, so its texts are one-offs and keep the driver's path. `run` steps once, so it is
 * only given statements that finish in one step (DML without RETURNING): a statement left on
 * a row would hold a read transaction open on the writer.
 */
export function cacheStatements(database: Sqlite3.Database): void {
  const statements = new Map<string, Promise<Sqlite3.Statement>>();
  const prepare = (sql: string) =>
    new Promise<Sqlite3.Statement>((resolve, reject) => {
      const statement: Sqlite3.Statement = database.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(statement)));
    });

  const prepared = (sql: string): Promise<Sqlite3.Statement> => {
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last: the first in the map is the one to evict.
      statements.delete(sql);
    } else {
      if (statements.size >= MAX_STATEMENTS) {
        const [oldest, evicted] = statements.entries().next().value!;
        statements.delete(oldest);
        void evicted.then((s) => s.finalize()).catch(() => undefined);
      }
      statement = prepare(sql);
      // A text that fails to prepare is not kept: the next call reports its error again.
      statement.catch(() => statements.delete(sql));
    }
    statements.set(sql, statement);
    return statement;
  };

  for (const method of ['all', 'run'] as const) {
    const uncached = database[method].bind(database) as (sql: string, params: unknown, callback: Callback) => Sqlite3.Database;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (database as any)[method] = (sql: string, params: unknown, callback: Callback) => {
      if (typeof callback !== 'function' || !isCacheable(method, sql, params)) return uncached(sql, params, callback);
      prepared(sql).then(
        (statement) =>
          (statement[method] as (params: unknown[], callback: Callback) => void)((params as unknown[] | undefined) ?? [], callback),
        (error: Error) => callback.call(null, error),
      );
      return database;
    };
  }

  const close = database.close.bind(database);
  database.close = (callback?: (error: Error | null) => void) => {
    const open = [...statements.values()];
    statements.clear();
    // sqlite3_close refuses a connection that still has statements: finalize them first.
    void Promise.allSettled(
      open.map((statement) => statement.then((s) => new Promise<void>((resolve) => s.finalize(() => resolve())))),
    ).then(() => close(callback));
    return database;
  };
}

function isCacheable(method: Method, sql: string, params: unknown): boolean {
  if (TRANSACTION_CONTROL.has(sql)) return true;
  if (!Array.isArray(params) || params.length === 0) return false;
  return method === 'all' || (/^\s*(insert|update|delete)\b/i.test(sql) && !/\breturning\b/i.test(sql));
}
