import type { Knex } from '@mikro-orm/knex';
import { JsonProperty, Utils } from './mikro-orm.js';
import type { Orm } from './orm.js';

type Execute = (query: unknown, params?: unknown[], method?: string, ctx?: unknown, loggerContext?: object) => Promise<unknown>;

/** The protected parts of MikroORM's SQL connection that its own execute() is made of. */
interface SqlConnection {
  execute: Execute;
  ensureConnection(): Promise<void>;
  getKnex(): Knex;
  executeQuery(query: string, run: () => Promise<unknown>, context: object): Promise<unknown>;
  transformRawResult(result: unknown, method: string): unknown;
}

/** Not bindable as one value: the statement keeps MikroORM's own path. */
const INLINE = Symbol('inline');

/**
 * Makes MikroORM hand SQLite its statements with the values bound instead of written into the
 * SQL text. Its execute() turns every parameter into a literal (Platform.formatQuery) and sends
 * a text no other statement shares: the driver prepares, runs and finalizes it each time, two
 * trips to its thread for every insert, update and find, inside transactions that hold the one
 * write lock. Bound, the text recurs and stays prepared on the writer (sqlite-statement-cache.ts):
 * one trip, and no string building on the event loop.
 *
 * The values are the ones formatQuery would have written, converted the same way (dates as
 * epoch milliseconds, JSON as its text, bigints as text). A statement with anything formatQuery
 * expands rather than quotes (identifiers, raw fragments, lists) keeps MikroORM's path.
 */
export function bindOrmParameters(orm: Orm): void {
  const connection = orm.em.getConnection() as unknown as SqlConnection;
  const inline = connection.execute.bind(connection);
  connection.execute = async (query, params = [], method = 'all', ctx, loggerContext) => {
    let sql = query;
    let bindings = params;
    if (Utils.isObject<Knex.QueryBuilder>(query)) {
      ctx ??= (query as unknown as { client: { transacting?: boolean } }).client.transacting ? query : null;
      ({ sql, bindings = [] } = query.toSQL() as unknown as { sql: string; bindings?: unknown[] });
    }
    const bound = typeof sql === 'string' ? bindable(sql, bindings) : null;
    if (!bound) return inline(sql, bindings, method, ctx, loggerContext);
    await connection.ensureConnection();
    return connection.executeQuery(
      sql as string,
      async () => {
        const statement = connection.getKnex().raw(sql as string, bound as Knex.RawBinding[]);
        if (ctx) statement.transacting(ctx as Knex.Transaction);
        return connection.transformRawResult(await statement, method);
      },
      { query: sql, params: bindings, ...loggerContext },
    );
  };
}

function bindable(sql: string, params: unknown[]): unknown[] | null {
  if (params.length === 0 || sql.includes('??') || sql.includes('\\?')) return null;
  if (placeholders(sql) !== params.length) return null;
  const values = params.map(bindingOf);
  return values.includes(INLINE) ? null : values;
}

function placeholders(sql: string): number {
  let count = 0;
  for (let at = sql.indexOf('?'); at !== -1; at = sql.indexOf('?', at + 1)) count++;
  return count;
}

function bindingOf(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      return String(value);
    case 'object':
      if (value instanceof Date) return value.getTime();
      if (Buffer.isBuffer(value)) return value;
      if ((value as Record<symbol, unknown>)[JsonProperty] || (Utils.isPlainObject(value) && !Utils.isRawSql(value))) {
        return JSON.stringify(value);
      }
      return INLINE;
    default:
      return INLINE;
  }
}
