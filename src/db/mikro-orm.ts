import { createRequire } from 'node:module';
import type * as Core from '@mikro-orm/core';
import type * as Migrations from '@mikro-orm/migrations';
import type * as Postgres from '@mikro-orm/postgresql';
import type * as Sqlite from '@mikro-orm/sqlite';

/*
 * MikroORM's packages are CommonJS, and they are require()d here rather than imported: for an
 * `import` of a CommonJS module Node's ESM loader lexes its source to find the named exports,
 * following every re-export, which for MikroORM means every file of each package, again at
 * each start (~85 ms of `baas stores list`). require() skips that. Types still come from
 * `import type`, which is erased at build time. Everything outside src/db imports the
 * values it needs from here.
 */
const require = createRequire(import.meta.url);
const core = require('@mikro-orm/core') as typeof Core;

export const {
  ChangeSetType,
  defineEntity,
  IsolationLevel,
  JsonProperty,
  JsonType,
  OptimisticLockError,
  UniqueConstraintViolationException,
  Utils,
} = core;

export const initMikroOrm: typeof Core.MikroORM.init = (options) => core.MikroORM.init(options);

/** Only the driver in use is loaded: the PostgreSQL client alone adds ~0.3 s to every command. */
export const sqliteDriver = () => (require('@mikro-orm/sqlite') as typeof Sqlite).SqliteDriver;
export const postgresDriver = () => (require('@mikro-orm/postgresql') as typeof Postgres).PostgreSqlDriver;
/** Only what migrates loads the migrator (umzug and the migration classes). */
export const migrations = () => require('@mikro-orm/migrations') as typeof Migrations;
