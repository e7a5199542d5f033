import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Config } from '../../src/config/load.js';
import { openOrm } from '../../src/db/orm.js';

/**
 * Everything the database holds, as text, for tests that look for what must never be stored in
 * clear: the SQLite file's bytes (with its WAL), or on PostgreSQL every row of every table.
 * Call it once the server stopped, so SQLite's pages are all on disk.
 */
export async function storedText(config: Config): Promise<string> {
  const database = config.database;
  if (database.kind === 'sqlite') {
    const dir = dirname(database.path);
    const files = readdirSync(dir).filter((file) => file.startsWith(basename(database.path)));
    return files.map((file) => readFileSync(join(dir, file), 'latin1')).join('');
  }
  const orm = await openOrm(database);
  try {
    const tables = Object.values(orm.getMetadata().getAll()).map((meta) => meta.tableName);
    const rows = await Promise.all(
      tables.map((table) => orm.em.getConnection().execute<{ row: string }[]>(`select t::text as row from ${table} t`)),
    );
    return rows
      .flat()
      .map((r) => r.row)
      .join('\n');
  } finally {
    await orm.close(true);
  }
}
