import type * as Sqlite3 from 'sqlite3';

type Method = 'all' | 'run';
type Callback = (this: unknown, error: Error | null, result?: unknown) => void;

/** The statements knex sends for every transaction, without parameters but always the same text. */
const TRANSACTION_CONTROL = new Set(['BEGIN IMMEDIATE;', 'COMMIT;', 'ROLLBACK', 'ROLLBACK;']);
/** Enough for every fixed statement baas writes; texts whose `in (?, …)` list grows with a batch come and go. */
const MAX_STATEMENTS = 128;
/**
 * Prepared copies of one text, for callers that run it at the same time (the read connection:
 * every request's key, every delivery's event). One statement runs one call at a time, and the
 * next queued call starts only once the event loop has taken the previous one's result: under
 * load, one read of that text per turn of a busy loop (a delivery's load averaged 19-58 ms in
 * the webhook bench; ~10 ms with copies). Copies are dispatched together, as many as libuv's
 * default thread pool. The writer, whose pool lends it to one caller at a time, keeps one.
 */
const MAX_COPIES = 4;

interface Copy {
  statement: Promise<Sqlite3.Statement>;
  /** Calls given to it that have not called back yet. */
  busy: number;
}

/**
 * Keeps a connection's parameterised statements prepared (the writer's and Reads'). node-sqlite3's
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
  const texts = new Map<string, Copy[]>();
  const prepare = (sql: string) =>
    new Promise<Sqlite3.Statement>((resolve, reject) => {
      const statement: Sqlite3.Statement = database.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(statement)));
    });
  const finalize = (copies: Copy[]) => {
    for (const copy of copies) void copy.statement.then((s) => s.finalize()).catch(() => undefined);
  };

  /** An idle copy of the text's statement, else a new one while there are fewer than MAX_COPIES, else the least busy. */
  const take = (sql: string): Copy => {
    let copies = texts.get(sql);
    if (copies) {
      // Most recently used last: the first in the map is the one to evict.
      texts.delete(sql);
    } else {
      if (texts.size >= MAX_STATEMENTS) {
        const [oldest, evicted] = texts.entries().next().value!;
        texts.delete(oldest);
        finalize(evicted);
      }
      copies = [];
    }
    texts.set(sql, copies);
    const idle = copies.find((copy) => copy.busy === 0);
    if (idle) return idle;
    if (copies.length < MAX_COPIES) {
      const copy: Copy = { statement: prepare(sql), busy: 0 };
      // A text that fails to prepare is not kept: the next call reports its error again.
      copy.statement.catch(() => {
        const at = copies.indexOf(copy);
        if (at >= 0) copies.splice(at, 1);
      });
      copies.push(copy);
      return copy;
    }
    return copies.reduce((least, copy) => (copy.busy < least.busy ? copy : least));
  };

  for (const method of ['all', 'run'] as const) {
    const uncached = database[method].bind(database) as (sql: string, params: unknown, callback: Callback) => Sqlite3.Database;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (database as any)[method] = (sql: string, params: unknown, callback: Callback) => {
      if (typeof callback !== 'function' || !isCacheable(method, sql, params)) return uncached(sql, params, callback);
      const copy = take(sql);
      copy.busy++;
      copy.statement.then(
        (statement) =>
          (statement[method] as (params: unknown[], callback: Callback) => void)(
            (params as unknown[] | undefined) ?? [],
            function (this: unknown, error, result) {
              copy.busy--;
              callback.call(this, error, result);
            },
          ),
        (error: Error) => {
          copy.busy--;
          callback.call(null, error);
        },
      );
      return database;
    };
  }

  const close = database.close.bind(database);
  database.close = (callback?: (error: Error | null) => void) => {
    const open = [...texts.values()].flat();
    texts.clear();
    // sqlite3_close refuses a connection that still has statements: finalize them first.
    void Promise.allSettled(
      open.map((copy) => copy.statement.then((s) => new Promise<void>((resolve) => s.finalize(() => resolve())))),
    ).then(() => close(callback));
    return database;
  };
}

function isCacheable(method: Method, sql: string, params: unknown): boolean {
  if (TRANSACTION_CONTROL.has(sql)) return true;
  if (!Array.isArray(params) || params.length === 0) return false;
  return method === 'all' || (/^\s*(insert|update|delete)\b/i.test(sql) && !/\breturning\b/i.test(sql));
}
