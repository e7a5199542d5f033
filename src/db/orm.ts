import type { MikroORM, Options } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex';
import type * as Sqlite3 from 'sqlite3';
import type { DatabaseTarget } from '../config/load.js';
import { BUILT_IN_DEFAULTS } from '../config/settings.js';
import { EXIT, SetupError } from '../shared/errors.js';
import { beginImmediate } from './begin-immediate.js';
import { bindOrmParameters } from './bind-orm-parameters.js';
import { ENTITIES } from './entities.js';
import { initMikroOrm, postgresDriver, sqliteDriver } from './mikro-orm.js';
import { compareJsonByValue } from './json-by-value.js';
import { cacheStatements } from './sqlite-statement-cache.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Orm = MikroORM<AbstractSqlDriver<any>, SqlEntityManager>;
/** The entity manager every service works with: SQL, so raw statements share its transaction. */
export type Db = SqlEntityManager;

export function isPostgres(em: Db): boolean {
  return em.getPlatform().constructor.name === 'PostgreSqlPlatform';
}

/** Dates as the driver stores them: epoch milliseconds on SQLite, Date objects on PostgreSQL. */
export function dbDate(em: Db, date: Date): string | number | Date {
  return em.getPlatform().processDateProperty(date);
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;

export interface OrmOptions {
  /** PostgreSQL only: the most connections the pool opens (BAAS_DATABASE_POOL_MAX). */
  poolMax?: number;
}

function driverOptions(target: DatabaseTarget, options: OrmOptions): Options {
  if (target.kind === 'postgres') {
    return {
      driver: postgresDriver(),
      clientUrl: target.url,
      pool: { min: 0, max: options.poolMax ?? BUILT_IN_DEFAULTS.database_pool_max },
    };
  }
  return {
    driver: sqliteDriver(),
    dbName: target.path,
    pool: {
      // WAL lets the CLI read while the server writes; busy_timeout makes a writer wait for the
      // lock instead of failing at once; foreign keys are off by default in SQLite.
      afterCreate: (conn: Sqlite3.Database, done: (error: Error | null, conn: Sqlite3.Database) => void) => {
        cacheStatements(conn);
        conn.exec(
          `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;`,
          (error) => done(error, conn),
        );
      },
    },
  };
}

/**
 * Opens the database and proves it is usable with one round trip, turning the usual failures
 * (corrupt file, locked file, unreachable server, bad password) into one clear line.
 */
export async function openOrm(target: DatabaseTarget, options: OrmOptions = {}): Promise<Orm> {
  let orm: Orm | undefined;
  try {
    orm = (await initMikroOrm({
      ...driverOptions(target, options),
      entities: ENTITIES,
      migrations: { transactional: true, allOrNothing: true, snapshot: false, silent: true },
      discovery: { warnWhenNoEntities: false, onMetadata: compareJsonByValue },
      allowGlobalContext: false,
      debug: false,
      ensureDatabase: false,
    })) as Orm;
    if (target.kind === 'sqlite') {
      beginImmediate(orm.em.getKnex());
      bindOrmParameters(orm);
    }
    await orm.em.getConnection().execute('select 1');
    return orm;
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    throw new SetupError([describeDatabaseError(target, error)], EXIT.unavailable);
  }
}

export function describeDatabase(target: DatabaseTarget): string {
  return target.kind === 'sqlite' ? `SQLite ${target.path}` : `PostgreSQL ${redactUrl(target.url)}`;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

export function describeDatabaseError(target: DatabaseTarget, error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const where = describeDatabase(target);
  if (/SQLITE_NOTADB|file is not a database|SQLITE_CORRUPT|malformed/i.test(message)) {
    return `database: ${where} is not a valid SQLite database (corrupt or another file). Fix: restore it from a backup, or move it away to start empty`;
  }
  if (/SQLITE_BUSY|database is locked/i.test(message)) {
    return `database: ${where} is locked by another process for more than ${SQLITE_BUSY_TIMEOUT_MS / 1000} s. Fix: stop the other process or remove a stale lock, then retry`;
  }
  if (/SQLITE_CANTOPEN|SQLITE_READONLY|EACCES|EPERM|EROFS/i.test(message)) {
    return `database: cannot open ${where} for writing (${message}). Fix: check the directory exists and is writable by this user`;
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/i.test(message)) {
    return `database: cannot reach ${where} (${message}). Fix: start PostgreSQL or correct BAAS_DATABASE_URL`;
  }
  if (/password authentication|role .* does not exist|database .* does not exist/i.test(message)) {
    return `database: ${where} refused us (${message}). Fix: correct the user, password or database name in BAAS_DATABASE_URL`;
  }
  return `database: cannot open ${where}: ${message}`;
}
