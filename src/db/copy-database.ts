import type { EntityMetadata } from '@mikro-orm/core';
import { IsolationLevel } from './mikro-orm.js';
import { invalidState } from '../shared/errors.js';
import { copyOrder } from './copy-order.js';
import { copyTable } from './copy-table.js';
import { migrateUp, pendingMigrations } from './migrate.js';
import { isPostgres, type Db, type Orm } from './orm.js';

export interface CopyOptions {
  /** Delete the rows the target holds first, instead of refusing a target that is not empty. */
  replace?: boolean;
  /** Once the rows to copy are counted. */
  onStart?(total: number): void;
  /** After each batch: the table being copied and the rows copied so far, in all tables. */
  onProgress?(table: string, done: number): void;
}

export interface CopyResult {
  /** Migrations applied to the target before copying. */
  migrated: string[];
  /** Rows deleted from the target first (with `replace`). */
  replaced: number;
  /** Every table, in the order copied, with its row count (the same in source and target). */
  tables: { table: string; rows: number }[];
}

/**
 * Copies every row of every table from one database to another, SQLite to PostgreSQL being the
 * case it is for (`baas db copy`). The target is migrated first; then, in one transaction on
 * it, the tables are filled in dependency order and each one's row count is checked against
 * the source before anything commits: the target ends up with all of it, or nothing. The
 * source is read in one transaction too, so the copy is a consistent snapshot of it.
 */
export async function copyDatabase(source: Orm, target: Orm, options: CopyOptions = {}): Promise<CopyResult> {
  const pending = await pendingMigrations(source);
  if (pending.length > 0) {
    throw invalidState(
      'source_not_migrated',
      `The source database has ${pending.length} migration(s) pending (${pending.join(', ')}). Run \`baas migrate\` against it first, so both hold the same tables.`,
    );
  }
  const migrated = await migrateUp(target);
  const tables = copyOrder(source);
  return snapshotOf(source, async (from) => {
    const counts = await countEach(from, tables);
    const total = counts.reduce((sum, n) => sum + n, 0);
    // Both ORMs resolve transactions by the same context name: without this, a fork made inside
    // the source's transaction would be a fork of that transaction.
    return target.em.fork({ disableContextResolution: true }).transactional(async (to) => {
      const replaced = await emptyTarget(to, tables, options.replace ?? false);
      options.onStart?.(total);
      let done = 0;
      const copied: CopyResult['tables'] = [];
      for (const [index, meta] of tables.entries()) {
        await copyTable(from, to, meta, (rows) => options.onProgress?.(meta.tableName, (done += rows)));
        const rows = await countRows(to, meta);
        if (rows !== counts[index]) {
          throw new Error(`${meta.tableName}: the copy has ${rows} rows, the source ${counts[index]}; nothing was committed`);
        }
        copied.push({ table: meta.tableName, rows });
      }
      return { migrated, replaced, tables: copied };
    });
  });
}

/** Runs `read` in a transaction that sees the source as it was when it began. */
function snapshotOf<T>(orm: Orm, read: (em: Db) => Promise<T>): Promise<T> {
  // SQLite's read transaction is one already (in WAL mode); PostgreSQL's default is not.
  const isolation = isPostgres(orm.em) ? { isolationLevel: IsolationLevel.REPEATABLE_READ } : {};
  return orm.em.fork().transactional(read, isolation);
}

/** One after the other: a transaction is one connection, which runs one query at a time. */
async function countEach(em: Db, tables: EntityMetadata[]): Promise<number[]> {
  const counts: number[] = [];
  for (const meta of tables) counts.push(await countRows(em, meta));
  return counts;
}

async function countRows(em: Db, meta: EntityMetadata): Promise<number> {
  const [row] = await em.execute<{ n: unknown }[]>(`select count(*) as n from ${meta.tableName}`);
  return Number(row?.n ?? 0);
}

/** Refuses a target that holds rows unless told to replace them; then deletes them, children first. */
async function emptyTarget(to: Db, tables: EntityMetadata[], replace: boolean): Promise<number> {
  const counts = await countEach(to, tables);
  const held = tables.map((meta, index) => [meta.tableName, counts[index]!] as const).filter(([, rows]) => rows > 0);
  if (held.length === 0) return 0;
  if (!replace) {
    throw invalidState(
      'target_not_empty',
      `The target database already holds rows (${held.map(([table, rows]) => `${table} ${rows}`).join(', ')}). Copy into an empty database, or pass --force to replace them.`,
    );
  }
  for (const meta of [...tables].reverse()) await to.execute(`delete from ${meta.tableName}`);
  return held.reduce((sum, [, rows]) => sum + rows, 0);
}
