import type { EntityMetadata } from '@mikro-orm/core';
import type { Orm } from './orm.js';

/**
 * Every entity's table, each after the tables its foreign keys point at (stores before orders),
 * so rows can be inserted table by table with the constraints on. Otherwise alphabetical.
 */
export function copyOrder(orm: Orm): EntityMetadata[] {
  const all = Object.values(orm.getMetadata().getAll())
    .filter((meta) => meta.tableName && !meta.embeddable && !meta.virtual)
    .sort((a, b) => a.tableName.localeCompare(b.tableName));
  const ordered: EntityMetadata[] = [];
  const visit = (meta: EntityMetadata, path: Set<EntityMetadata>) => {
    if (ordered.includes(meta)) return;
    if (path.has(meta)) throw new Error(`foreign keys form a cycle through ${meta.tableName}`);
    path.add(meta);
    for (const relation of meta.relations) {
      if ((relation.kind === 'm:1' || (relation.kind === '1:1' && relation.owner)) && relation.targetMeta !== meta) {
        visit(relation.targetMeta!, path);
      }
    }
    path.delete(meta);
    ordered.push(meta);
  };
  for (const meta of all) visit(meta, new Set());
  return ordered;
}
