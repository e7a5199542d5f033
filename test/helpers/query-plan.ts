import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Orm } from '../../src/db/orm.js';

interface Statement {
  sql: string;
  bindings: unknown[];
}

/** The statements `run` sends, recorded as the driver runs them. */
async function statementsOf(orm: Orm, run: () => Promise<unknown>): Promise<Statement[]> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  const seen: Statement[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => seen.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}

/**
 * Runs `run`, and answers SQLite's plan (EXPLAIN QUERY PLAN's detail column, one step per line)
 * for the first statement it sent whose SQL matches `sql`, with how many of them matched.
 */
export async function sqlitePlanOf(orm: Orm, run: () => Promise<unknown>, sql: RegExp): Promise<{ plan: string[]; matching: number }> {
  const statements = (await statementsOf(orm, run)).filter((statement) => sql.test(statement.sql));
  const [first] = statements;
  if (!first) throw new Error(`no statement matched ${sql}`);
  const steps = await orm.em.fork().execute<{ detail: string }[]>(`explain query plan ${first.sql}`, first.bindings);
  return { plan: steps.map((step) => step.detail), matching: statements.length };
}
