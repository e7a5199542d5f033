import { migrations } from './mikro-orm.js';
import type { Knex } from '@mikro-orm/knex';

/**
 * Our migrations describe tables with knex's schema builder instead of raw SQL, so one
 * migration produces the right DDL for SQLite and for PostgreSQL.
 */
export abstract class SchemaMigration extends migrations().Migration {
  protected schema(build: (schema: Knex.SchemaBuilder) => Knex.SchemaBuilder): void {
    for (const statement of build(this.getKnex().schema).toSQL()) {
      this.addSql(statement.sql);
    }
  }
}

/** created_at/updated_at-style columns: timestamptz on PostgreSQL, datetime on SQLite. */
export function timestamp(table: Knex.CreateTableBuilder, name: string) {
  return table.timestamp(name, { useTz: true, precision: 6 });
}
