import { openOrm } from '../../../db/orm.js';
import { MIGRATION_NAMES } from '../../../db/migrations/index.js';
import { appliedMigrations } from '../../../db/migrate.js';
import { invalidRequest, invalidState } from '../../../shared/errors.js';
import { VERSION } from '../../../shared/package-info.js';

/**
 * Proves the unpacked database is sound and that this version of baas can run it, before it
 * replaces anything: `PRAGMA integrity_check` reads every page, and a database migrated by a
 * newer baas is refused (this one could not know its schema). Returns how many migrations
 * the next start will apply (the backup may be older than the code).
 */
export async function checkStagedDatabase(path: string, madeBy: string): Promise<{ pending: number }> {
  let orm;
  try {
    orm = await openOrm({ kind: 'sqlite', path });
  } catch (error) {
    throw invalidRequest('backup_corrupt', `the database in the archive cannot be opened (${(error as Error).message})`, 'file');
  }
  try {
    const rows = (await orm.em.getConnection().execute('PRAGMA integrity_check')) as { integrity_check: string }[];
    const verdict = rows.map((row) => row.integrity_check).join('; ');
    if (verdict !== 'ok') {
      throw invalidRequest('backup_corrupt', `the database in the archive fails PRAGMA integrity_check: ${verdict.slice(0, 300)}`, 'file');
    }
    const known = new Set(MIGRATION_NAMES);
    const applied = [...(await appliedMigrations(orm)).keys()];
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length) {
      throw invalidState(
        'backup_too_new',
        `the archive's database was migrated by baas ${madeBy} (${unknown.join(', ')}), which this baas ${VERSION} does not know. Fix: install baas ${madeBy} or later, then restore`,
      );
    }
    return { pending: known.size - applied.length };
  } finally {
    await orm.close(true);
  }
}
