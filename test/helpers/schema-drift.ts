import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Orm } from '../../src/db/orm.js';

/**
 * Compares the migrated database with the entities, column by column: every mapped column
 * exists with the same nullability, and no table has columns the entities do not know.
 * (Types are left out: SQLite's are advisory and the two dialects spell them differently.)
 */
export async function schemaDrift(orm: Orm): Promise<string[]> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  const problems: string[] = [];
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.embeddable || meta.virtual || !meta.tableName) continue;
    const columns = await knex(meta.tableName).columnInfo();
    if (Object.keys(columns).length === 0) {
      problems.push(`table ${meta.tableName} is missing`);
      continue;
    }
    const mapped = new Set<string>();
    for (const prop of Object.values(meta.properties)) {
      if (prop.persist === false || prop.kind === '1:m' || prop.kind === 'm:n') continue;
      for (const field of prop.fieldNames) {
        mapped.add(field);
        const column = columns[field as keyof typeof columns];
        if (!column) problems.push(`${meta.tableName}.${field} is missing`);
        else if (column.nullable !== Boolean(prop.nullable)) {
          problems.push(`${meta.tableName}.${field} is ${column.nullable ? '' : 'not '}nullable in the database`);
        }
      }
    }
    for (const field of Object.keys(columns)) {
      if (!mapped.has(field)) problems.push(`${meta.tableName}.${field} is not mapped by any entity`);
    }
  }
  return problems;
}
