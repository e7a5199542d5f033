import type { EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { Db } from './orm.js';

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH = 1000;

/**
 * Copies one table's rows from `source` to `target`, `batch` at a time in primary-key order
 * (keyset paging: each batch starts after the last key, so a big table costs the same per
 * batch from the first to the last). Rows go through the entity mapping both ways, so each
 * value is converted as its dialect stores it: SQLite's epoch milliseconds, 0/1 and JSON text
 * become PostgreSQL's timestamptz, boolean and jsonb. Returns how many rows it copied.
 */
export async function copyTable(source: Db, target: Db, meta: EntityMetadata, onBatch: (rows: number) => void): Promise<number> {
  const keys = meta.primaryKeys.flatMap((name) => meta.properties[name]!.fieldNames);
  const props = meta.props.filter(isStored);
  const batch = Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / Math.max(1, props.length)));
  const orderBy = keys.join(', ');
  let after: unknown[] | null = null;
  let copied = 0;
  for (;;) {
    const where: string = after ? `where (${orderBy}) > (${keys.map(() => '?').join(', ')})` : '';
    const rows: Record<string, unknown>[] = await source.execute(
      `select * from ${meta.tableName} ${where} order by ${orderBy} limit ?`,
      [...(after ?? []), batch],
      'all',
    );
    if (rows.length === 0) return copied;
    const data = rows.map((row) => {
      const entity = source.map(meta.className, row) as Record<string, unknown>;
      return Object.fromEntries(props.map((prop) => [prop.name, entity[prop.name]]));
    });
    await target.insertMany(meta.className, data);
    // The identity map would otherwise keep every row of the table.
    source.clear();
    copied += rows.length;
    onBatch(rows.length);
    if (rows.length < batch) return copied;
    const last = rows.at(-1)!;
    after = keys.map((key) => last[key]);
  }
}

/** A property with a column of its own in this table (not a collection, a formula or a virtual one). */
function isStored(prop: EntityProperty): boolean {
  return (
    prop.persist !== false && !prop.formula && (prop.kind === 'scalar' || prop.kind === 'm:1' || (prop.kind === '1:1' && !!prop.owner))
  );
}
