import type { Migrator } from '@mikro-orm/migrations';
import { withAdvisoryLock } from './advisory-lock.js';
import { migrations } from './mikro-orm.js';
import { loadMigrations, MIGRATION_NAMES } from './migrations/index.js';
import type { Orm } from './orm.js';

export interface MigrationStatus {
  name: string;
  applied: boolean;
  appliedAt: Date | null;
}

/**
 * Set up on first use, so that only what migrates loads the migrator (see loadMigrations).
 */
async function migrator(orm: Orm): Promise<Migrator> {
  if (!orm.config.getExtension('@mikro-orm/migrator')) {
    const { Migrator } = migrations();
    orm.config.set('migrations', { ...orm.config.get('migrations'), migrationsList: await loadMigrations() });
    Migrator.register(orm);
  }
  return orm.getMigrator() as Migrator;
}

/**
 * The migrations recorded as applied, read straight from the migrator's table (none when it
 * does not exist yet), with when each was applied.
 */
export async function appliedMigrations(orm: Orm): Promise<Map<string, Date>> {
  const knex = orm.em.getKnex();
  const table = orm.config.get('migrations').tableName!; // MikroORM's default, filled in by its config
  if (!(await knex.schema.hasTable(table))) return new Map();
  const rows = (await knex.select('name', 'executed_at').from(table)) as { name: string; executed_at: unknown }[];
  return new Map(rows.map((row) => [row.name.replace(/\.[jt]s$/, ''), executedAt(row.executed_at)]));
}

/** SQLite's CURRENT_TIMESTAMP is UTC written without a zone; read as local time it would be off by the offset. */
function executedAt(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value)) return new Date(`${value.replace(' ', 'T')}Z`);
  return new Date(value as string | number);
}

/**
 * Applies every pending migration in one transaction; returns the names applied. On
 * PostgreSQL, instances starting together (or `baas migrate` beside running ones) take turns
 * under an advisory lock: the first applies, the others then find nothing pending. The lock
 * also covers creating the migrations table, which the migrator does outside its transaction.
 */
export async function migrateUp(orm: Orm): Promise<string[]> {
  // Most starts find the schema current: learning that from the table spares the server the
  // migrator's modules for its whole life (idle RSS). What is pending is applied under the lock.
  if ((await pendingMigrations(orm)).length === 0) return [];
  const up = async () => (await (await migrator(orm)).up()).map((m) => m.name);
  return withAdvisoryLock(orm, 'baas:migrate', up);
}

export async function migrationStatus(orm: Orm): Promise<MigrationStatus[]> {
  const executed = await appliedMigrations(orm);
  return MIGRATION_NAMES.map((name) => ({
    name,
    applied: executed.has(name),
    appliedAt: executed.get(name) ?? null,
  }));
}

export async function pendingMigrations(orm: Orm): Promise<string[]> {
  return (await migrationStatus(orm)).filter((m) => !m.applied).map((m) => m.name);
}
