/**
 * `insert into <table> (cols) values (?, …), (?, …)` for rows of plain values, built by hand:
 * on hot paths (notification ingest, job fan-out) knex's query builder cost more CPU than the
 * insert itself. Column names come from code, never from input.
 */
export function multiRowInsert(table: string, columns: readonly string[], rows: readonly unknown[][]): { sql: string; params: unknown[] } {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return {
    sql: `insert into ${table} (${columns.join(', ')}) values ${rows.map(() => tuple).join(', ')}`,
    params: rows.flat(),
  };
}
