import type { Knex } from '@mikro-orm/knex';

interface SqliteTransaction {
  begin(connection: unknown): Promise<unknown>;
  query(connection: unknown, sql: string): Promise<unknown>;
}

/**
 * Makes every SQLite transaction of this knex begin with BEGIN IMMEDIATE, which takes the write
 * lock at once, waiting for it up to busy_timeout. knex opens them with a plain BEGIN: the lock
 * is then taken at the first write, and if another connection (the server, while a `baas`
 * command runs, or the other way round) committed after this transaction's first read, SQLite
 * refuses the upgrade with SQLITE_BUSY at once, without waiting: `baas webhooks replay` failed
 * that way ("database is locked") while the server was writing its activity log. One writer at
 * a time is what SQLite allows anyway; this only makes transactions queue for it instead of failing.
 */
export function beginImmediate(knex: Knex): void {
  const client = knex.client as { transaction: (...args: unknown[]) => SqliteTransaction };
  const create = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const transaction = create(...args);
    // knex calls begin() once the connection is acquired, always after this returns.
    transaction.begin = (connection) => transaction.query(connection, 'BEGIN IMMEDIATE;');
    return transaction;
  };
}
