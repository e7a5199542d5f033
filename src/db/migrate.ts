import type { Migrator } from '@mikro-orm/migrations';
import { withAdvisoryLock } from './advisory-lock.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Orm } from './orm.js';

export interface MigrationStatus {
  name: string;
  applied: boolean;
  appliedAt: Date | null;
}

function migrator(orm: Orm): Migrator {
  return orm.getMigrator() as Migrator;
}

/**
 * Applies every pending migration in one transaction; returns the names applied. On
 * PostgreSQL, instances starting together (or `baas migrate` beside running ones) take turns
 * under an advisory lock: the first applies, the others then find nothing pending. The lock
 * also covers creating the migrations table, which the migrator does outside its transaction.
 */
export async function migrateUp(orm: Orm): Promise<string[]> {
  const up = async () => (await migrator(orm).up()).map((m) => m.name);
  return withAdvisoryLock(orm, 'baas:migrate', up);
}

export async function migrationStatus(orm: Orm): Promise<MigrationStatus[]> {
  const executed = new Map((await migrator(orm).getExecutedMigrations()).map((m) => [m.name.replace(/\.[jt]s$/, ''), m.executed_at]));
  return MIGRATIONS.map(({ name }) => ({
    name,
    applied: executed.has(name),
    appliedAt: executed.get(name) ?? null,
  }));
}

export async function pendingMigrations(orm: Orm): Promise<string[]> {
  return (await migrationStatus(orm)).filter((m) => !m.applied).map((m) => m.name);
}
