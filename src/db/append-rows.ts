import type { Transaction } from '@mikro-orm/core';
import { runBound } from './bound-statement.js';
import { multiRowInsert } from './multi-row-insert.js';
import { isBareTransaction } from './bare-transaction.js';
import { dbDate, isPostgres, type Db } from './orm.js';

/**
 * Appends rows of plain values (Dates included) to a table in one statement, for the logs
 * written in batches. On SQLite the batch travels as a single JSON parameter that json_each
 * unpacks, instead of rows × columns bound parameters, each of which knex and the driver
 * handle one by one on the event loop (the activity log's per-row cost fell by about a
 * quarter). In a bare transaction no knex stands between the values and the driver, and
 * binding them is cheaper than SQLite parsing the JSON back (a 5-notification insert: ~110
 * against ~170 µs on the driver's thread): there, as on PostgreSQL, a multi-row insert is bound.
 * Column names come from code.
 */
export async function appendRows(em: Db, table: string, columns: readonly string[], rows: readonly unknown[][], trx?: Transaction) {
  if (rows.length === 0) return;
  const values = rows.map((row) => row.map((value) => (value instanceof Date ? dbDate(em, value) : value)));
  if (isPostgres(em) || isBareTransaction(trx)) {
    const { sql, params } = multiRowInsert(table, columns, values);
    return runBound(em, sql, params, trx);
  }
  // `->>` gives SQL values: text, numbers, NULL, and 1/0 for JSON booleans, as SQLite stores them.
  const picks = columns.map((_, index) => `value ->> ${index}`).join(', ');
  await runBound(em, `insert into ${table} (${columns.join(', ')}) select ${picks} from json_each(?)`, [JSON.stringify(values)], trx);
}
