import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateUp, migrationStatus, pendingMigrations } from '../../../src/db/migrate.js';
import { MIGRATIONS } from '../../../src/db/migrations/index.js';
import { openOrm } from '../../../src/db/orm.js';
import { schemaDrift } from '../../helpers/schema-drift.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('migrations on SQLite', () => {
  it('bring an empty database to exactly the schema the entities describe', async () => {
    const orm = await openOrm({ kind: 'sqlite', path: join(tempDir(), 'm.sqlite') });
    try {
      expect(await pendingMigrations(orm)).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await migrateUp(orm)).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await pendingMigrations(orm)).toEqual([]);
      // Entities and migrations must never drift apart.
      expect(await schemaDrift(orm)).toEqual([]);
    } finally {
      await orm.close(true);
    }
  });

  it('are idempotent and report when each was applied', async () => {
    const orm = await openOrm({ kind: 'sqlite', path: join(tempDir(), 'm.sqlite') });
    try {
      await migrateUp(orm);
      expect(await migrateUp(orm)).toEqual([]);
      const status = await migrationStatus(orm);
      expect(status.every((m) => m.applied && m.appliedAt instanceof Date)).toBe(true);
    } finally {
      await orm.close(true);
    }
  });
});
