import type * as Sqlite3 from 'sqlite3';
import type { DatabaseTarget } from '../config/load.js';
import type { Orm } from './orm.js';
import { cacheStatements } from './sqlite-statement-cache.js';

/**
 * Single-row reads outside any transaction, for the hottest paths: the key of every API
 * request, the order a storefront polls, the event and endpoint of every webhook delivery.
 */
export interface Reads {
  /** The first row, or undefined. `sql` must be a fixed text (parameters as `?`): it is prepared once. */
  one<T extends object>(sql: string, params: unknown[]): Promise<T | undefined>;
  close(): Promise<void>;
}

/**
 * On SQLite, a second connection of its own with each statement prepared once: WAL lets it
 * read while the ORM's single connection writes, so these reads neither queue behind a
 * transaction nor hold one up, and they skip knex's per-statement work (measured in-process:
 * ~40 µs of CPU a read against ~160 µs through the ORM's connection). It sees what has been
 * committed, which is all these paths may see. On PostgreSQL the pool already reads in
 * parallel: the ORM's connection serves.
 */
export function openReads(orm: Orm, target: DatabaseTarget): Reads {
  if (target.kind === 'postgres' || target.path === ':memory:') {
    return {
      async one<T extends object>(sql: string, params: unknown[]): Promise<T | undefined> {
        return (await orm.em.getConnection().execute<T[]>(sql, params, 'all'))[0];
      },
      close: async () => undefined,
    };
  }
  // The driver MikroORM's SQLite dialect loaded, so both connections use the same sqlite3.
  const driver = (orm.em.getKnex().client as { driver: typeof Sqlite3 }).driver;
  return new SqliteReads(driver, target.path);
}

const BUSY_TIMEOUT_MS = 5000;

class SqliteReads implements Reads {
  private database: Promise<Sqlite3.Database> | undefined;

  constructor(
    private readonly driver: typeof Sqlite3,
    private readonly path: string,
  ) {}

  async one<T extends object>(sql: string, params: unknown[]): Promise<T | undefined> {
    const database = await this.connection();
    // all() steps to the end, which ends the statement's read transaction: a statement left
    // on a row would pin this connection to that snapshot and keep later commits from it.
    return new Promise((resolve, reject) =>
      database.all(sql, params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows[0]))),
    );
  }

  async close(): Promise<void> {
    if (!this.database) return;
    const database = await this.database;
    this.database = undefined;
    await new Promise<void>((resolve, reject) => database.close((error) => (error ? reject(error) : resolve())));
  }

  /** Opened on the first read: a command that never reads this way never opens it. */
  private connection(): Promise<Sqlite3.Database> {
    this.database ??= new Promise<Sqlite3.Database>((resolve, reject) => {
      // FULLMUTEX (SQLite's default build is serialized anyway, said here since it is relied on):
      // the statement cache runs copies of a read at the same time on this one connection.
      const flags = this.driver.OPEN_READWRITE | this.driver.OPEN_FULLMUTEX;
      const database: Sqlite3.Database = new this.driver.Database(this.path, flags, (error) => {
        if (error) return reject(error);
        // Each text prepared once, as on the writer (close() finalizes them).
        cacheStatements(database);
        // Read-write opening with query_only: a read-only one cannot use a WAL whose -shm it may not write.
        database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA query_only = ON;`, (failed) =>
          failed ? reject(failed) : resolve(database),
        );
      });
    });
    this.database.catch(() => (this.database = undefined));
    return this.database;
  }
}
