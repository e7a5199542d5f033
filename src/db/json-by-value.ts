import type { EntityMetadata } from '@mikro-orm/core';
import { jsonColumn } from './json-column.js';
import { JsonType, Utils } from './mikro-orm.js';

/**
 * JSON compared by value when the ORM looks for changes. MikroORM compares a JSON property as
 * serialized text, and PostgreSQL's jsonb gives keys back in its own order, so on PostgreSQL
 * writing back an equal object built in another order looked like a change: a needless UPDATE
 * that bumped the row's version and made concurrent writers of one row fail their optimistic
 * lock over nothing.
 */
export class JsonByValue extends JsonType {
  override compareValues(a: unknown, b: unknown): boolean {
    return Utils.equals(jsonColumn(a), jsonColumn(b));
  }
}

/**
 * Discovery hook: every JSON property of `meta` is compared by value. `p.json()` declares the
 * JsonType class as the property's type, which discovery turns into the type's instance next.
 */
export function compareJsonByValue(meta: EntityMetadata): void {
  for (const prop of Object.values(meta.properties) as { type: unknown }[]) {
    if (prop.type === JsonType) prop.type = JsonByValue;
  }
}
