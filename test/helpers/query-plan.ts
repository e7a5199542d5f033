import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Orm } from '../../src/db/orm.js';

export interface Statement {
  sql: string;
  bindings: unknown[];
}

/** The statements `read` sends, recorded as the driver runs them. */
export async function statementsOf(orm: Orm, read: () => Promise<unknown>): Promise<Statement[]> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  const seen: Statement[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => seen.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knex.on('query', listener);
  try {
    await read();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}

/** SQLite's plan for a statement, one step per line (EXPLAIN QUERY PLAN's detail column). */
export async function sqlitePlan(orm: Orm, statement: Statement): Promise<string[]> {
  const steps = await orm.em.fork().execute<{ detail: string }[]>(`explain query plan ${statement.sql}`, statement.bindings);
  return steps.map((step) => step.detail);
}
