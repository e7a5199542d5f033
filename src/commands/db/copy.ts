import { existsSync } from 'node:fs';
import { Flags } from '@oclif/core';
import cliProgress from 'cli-progress';
import { BaasCommand } from '../../cli/base-command.js';
import { renderTable } from '../../cli/table.js';
import { parseDatabaseUrl, type DatabaseTarget } from '../../config/load.js';
import { SETTINGS } from '../../config/settings.js';
import { copyDatabase, type CopyResult } from '../../db/copy-database.js';
import { describeDatabase, openOrm, type Orm } from '../../db/orm.js';
import { processesHolding } from '../../modules/ops/backup/running-instance.js';
import { invalidRequest, invalidState } from '../../shared/errors.js';

export default class DbCopy extends BaasCommand {
  static override summary = 'Copy all data from one database to another, e.g. from SQLite to PostgreSQL';
  static override description = `Moves a single-box install to PostgreSQL (to run several instances): stop baas, copy, point BAAS_DATABASE_URL at the new database, start baas.

The target is migrated first, then every table is copied in dependency order, in batches, in one transaction on the target, and each table's row count is checked against the source before it commits: the target gets all of it or nothing. A target that already holds rows is refused unless --force, which replaces them. The source is only read, as one consistent snapshot, and must be migrated to this version (\`baas migrate\`). The master key is not in the database: keep using the same one (same data dir, or BAAS_MASTER_KEY).`;

  static override examples = [
    {
      description: 'Move the default SQLite database to PostgreSQL',
      command: '<%= config.bin %> <%= command.id %> --to postgres://baas:secret@127.0.0.1:5432/baas',
    },
    {
      description: 'Name the source as well',
      command:
        '<%= config.bin %> <%= command.id %> --from sqlite:/var/lib/baas/baas.sqlite --to postgres://baas:secret@db.internal:5432/baas',
    },
  ];

  static override flags = {
    from: Flags.string({ description: 'source database: sqlite:<path> or postgres://… (default: the configured one)' }),
    to: Flags.string({ description: 'target database: postgres://… (or sqlite:<path>)', required: true }),
    force: Flags.boolean({ description: 'replace the rows a non-empty target holds' }),
  };

  async run() {
    const { flags } = await this.parse(DbCopy);
    const config = this.loadBaasConfig();
    const from = flags.from ? databaseFlag('from', flags.from) : config.database;
    const to = databaseFlag('to', flags.to);
    if (describeDatabase(from) === describeDatabase(to))
      throw invalidRequest('parameter_invalid', '--from and --to name the same database.', 'to');
    checkSource(from);
    this.log(`Copying ${describeDatabase(from)} → ${describeDatabase(to)}`);
    const started = Date.now();
    const result = await withOrms(from, to, (source, target) => this.copyWithProgress(source, target, flags.force));
    const total = result.tables.reduce((sum, t) => sum + t.rows, 0);
    if (result.migrated.length) this.log(`Migrated the target first: ${result.migrated.length} migration(s).`);
    if (result.replaced) this.log(`Replaced ${result.replaced} rows the target held (--force).`);
    this.log(
      renderTable(
        ['table', 'rows'],
        result.tables.map((t) => [t.table, String(t.rows)]),
      ),
    );
    this.log(
      `Copied ${total} rows in ${result.tables.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s; every table's row count matches the source.`,
    );
    this.log(`Next: set BAAS_DATABASE_URL to the target (same master key) and start baas.`);
    return {
      object: 'database_copy',
      from: describeDatabase(from),
      to: describeDatabase(to),
      migrated: result.migrated,
      replaced: result.replaced,
      tables: result.tables,
      total_rows: total,
    };
  }

  private async copyWithProgress(source: Orm, target: Orm, replace: boolean): Promise<CopyResult> {
    const bar =
      process.stderr.isTTY && !this.jsonEnabled()
        ? new cliProgress.SingleBar(
            { format: 'Copying [{bar}] {value}/{total} rows | {table} | ETA {eta_formatted}', hideCursor: true, stream: process.stderr },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    try {
      return await copyDatabase(source, target, {
        replace,
        onStart: (total) => bar?.start(total, 0, { table: '' }),
        onProgress: (table, done) => bar?.update(done, { table }),
      });
    } finally {
      bar?.stop();
    }
  }
}

function databaseFlag(name: 'from' | 'to', url: string): DatabaseTarget {
  const parsed = SETTINGS.database_url.schema.safeParse(url);
  if (!parsed.success)
    throw invalidRequest('parameter_invalid', `--${name}: ${parsed.error.issues[0]?.message}, e.g. ${SETTINGS.database_url.fix}`, name);
  return parseDatabaseUrl(url, process.cwd());
}

/**
 * A SQLite source must exist (opening a missing file would create an empty one) and be closed:
 * rows a running server wrote after the snapshot would not be copied.
 */
function checkSource(from: DatabaseTarget): void {
  if (from.kind !== 'sqlite') return;
  if (!existsSync(from.path)) throw invalidRequest('parameter_invalid', `${describeDatabase(from)} does not exist.`, 'from');
  const pids = processesHolding([from.path, `${from.path}-wal`]);
  if (pids.length > 0) {
    throw invalidState(
      'database_in_use',
      `${describeDatabase(from)} is open in process ${pids.join(', ')}: stop baas first, so that nothing it writes after the copy is lost.`,
    );
  }
}

async function withOrms<T>(from: DatabaseTarget, to: DatabaseTarget, use: (source: Orm, target: Orm) => Promise<T>): Promise<T> {
  const source = await openOrm(from);
  try {
    const target = await openOrm(to);
    try {
      return await use(source, target);
    } finally {
      await target.close(true);
    }
  } finally {
    await source.close(true);
  }
}
