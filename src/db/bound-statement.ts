import type { Transaction } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { Db } from './orm.js';

/**
 * Runs a statement whose result is not needed with its parameters bound by the driver, in
 * `trx` or else in the entity manager's transaction. MikroORM's execute() first writes every
 * parameter into the SQL text as a literal (Platform.formatQuery): for a 500-row activity insert that is ~3.4 ms of string
 * building on the event loop and ~270 KB of SQL for SQLite to parse. Errors are the driver's,
 * not MikroORM's exception classes: for writes whose failure is reported, not interpreted.
 */
export async function runBound(em: Db, sql: string, params: unknown[], trx?: Transaction): Promise<void> {
  await runner(em, trx).raw(sql, params as Knex.RawBinding[]);
}

/**
 * A query's rows, its parameters bound by the driver (see runBound), in `trx` or else in the
 * entity manager's transaction. On SQLite the text then stays prepared on the writer
 * (sqlite-statement-cache.ts), one trip to the driver's thread instead of two.
 */
export async function queryBound<T>(em: Db, sql: string, params: unknown[], trx?: Transaction): Promise<T[]> {
  const result: unknown = await runner(em, trx).raw(sql, params as Knex.RawBinding[]);
  // node-sqlite3 answers the rows; pg a result holding them.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** `trx`, else the entity manager's transaction: a bound statement never runs beside the transaction it belongs to. */
function runner(em: Db, trx: Transaction | undefined): Knex {
  return (trx ?? em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
}
