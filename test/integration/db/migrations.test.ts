import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../../src/config/load.js';
import { migrateUp, migrationStatus, pendingMigrations } from '../../../src/db/migrate.js';
import { MIGRATION_NAMES } from '../../../src/db/migrations/index.js';
import { openOrm, type Orm } from '../../../src/db/orm.js';
import { runCli } from '../../helpers/cli.js';
import { schemaDrift } from '../../helpers/schema-drift.js';
import { createTestDatabase, onPostgres } from '../../helpers/test-database.js';
import { tempDir } from '../../helpers/temp-dir.js';

const ALL = [...MIGRATION_NAMES];

/** An empty database of the kind this run tests, and the URL `baas` takes for it. */
async function emptyDatabase(): Promise<{ target: DatabaseTarget; url: string }> {
  if (onPostgres) {
    const url = await createTestDatabase();
    return { target: { kind: 'postgres', url }, url };
  }
  const path = join(tempDir(), 'm.sqlite');
  return { target: { kind: 'sqlite', path }, url: `sqlite:${path}` };
}

async function withOrm<T>(target: DatabaseTarget, use: (orm: Orm) => Promise<T>): Promise<T> {
  const orm = await openOrm(target);
  try {
    return await use(orm);
  } finally {
    await orm.close(true);
  }
}

describe(`migrations on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('bring an empty database to exactly the schema the entities describe', async () => {
    const { target } = await emptyDatabase();
    await withOrm(target, async (orm) => {
      expect(await pendingMigrations(orm)).toEqual(ALL);
      expect(await migrateUp(orm)).toEqual(ALL);
      expect(await pendingMigrations(orm)).toEqual([]);
      // Entities and migrations must never drift apart.
      expect(await schemaDrift(orm)).toEqual([]);
    });
  });

  it('are idempotent and report when each was applied, also through `baas migrate --status`', async () => {
    const { target, url } = await emptyDatabase();
    await withOrm(target, async (orm) => {
      await migrateUp(orm);
      expect(await migrateUp(orm)).toEqual([]);
      const status = await migrationStatus(orm);
      expect(status.every((m) => m.applied && m.appliedAt instanceof Date)).toBe(true);
    });
    const cli = await runCli(['migrate', '--status', '--json'], { env: { BAAS_DATA_DIR: tempDir(), BAAS_DATABASE_URL: url } });
    expect(cli.code, cli.stderr).toBe(0);
    const listed = JSON.parse(cli.stdout);
    expect(listed.database).toBe(target.kind);
    expect(listed.migrations.map((m: { name: string; applied: boolean }) => [m.name, m.applied])).toEqual(ALL.map((name) => [name, true]));
  });

  it('leave the migrator unloaded when a start finds nothing pending (it holds ~5 MB for the life of the server)', async () => {
    const { target } = await emptyDatabase();
    await withOrm(target, (orm) => migrateUp(orm));
    await withOrm(target, async (orm) => {
      expect(await migrateUp(orm)).toEqual([]);
      expect(orm.config.getExtension('@mikro-orm/migrator')).toBeUndefined();
    });
  });

  it('take turns when several instances start at once: each migration is applied once', async ({ skip }) => {
    skip(!onPostgres, 'concurrent migrators are a PostgreSQL matter: on SQLite one process owns the file');
    const { target } = await emptyDatabase();
    const orms = await Promise.all([1, 2, 3].map(() => openOrm(target)));
    try {
      const applied = await Promise.all(orms.map((orm) => migrateUp(orm)));
      expect(applied.flat()).toEqual(ALL);
      expect(applied.filter((names) => names.length === 0)).toHaveLength(2);
      expect(await schemaDrift(orms[0]!)).toEqual([]);
    } finally {
      await Promise.all(orms.map((orm) => orm.close(true)));
    }
  });
});
