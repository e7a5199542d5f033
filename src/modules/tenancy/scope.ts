import type { EntityData, EntitySchema } from '@mikro-orm/core';
import type { Orm, Db } from '../../db/orm.js';
import { plainReader } from '../../db/plain-entity.js';
import type { Reads } from '../../db/reads.js';
import type { KeyMode } from '../keys/api-key.entity.js';

/** Whose data a call may see: one store, one mode. Comes from the API key, never from input. */
export interface Scope {
  storeId: string;
  mode: KeyMode;
  /** The request that acts, recorded on events for traceability. */
  requestId: string | null;
}

export const TENANT_FILTER = 'tenant';

/**
 * The one place tenant isolation is enforced. Every store-owned entity declares this filter,
 * on by default: a query through a scoped entity manager only ever sees that store's rows of
 * that mode, and a query through an unscoped one fails loudly instead of seeing everything.
 * Code that must cross stores (operators' CLI, jobs) says so with `filters: false`.
 */
export const tenantFilter = {
  [TENANT_FILTER]: {
    name: TENANT_FILTER,
    cond: (args: { storeId: string; livemode: boolean }) => ({ store: args.storeId, livemode: args.livemode }),
    default: true,
  },
};

export function scopedEm(orm: Orm, scope: Scope): Db {
  const em = orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { storeId: scope.storeId, livemode: scope.mode === 'live' });
  return em;
}

/**
 * One store-owned row by id, read through Reads (beside the ORM's connection, for the GETs
 * storefronts poll) with the tenant filter's own condition written out: undefined when this
 * scope may not see it, exactly as for an id that does not exist. A plain object (plainReader):
 * what callers render, never something to change and flush.
 */
export async function readScoped<T extends object>(
  orm: Orm,
  reads: Reads,
  schema: EntitySchema<T>,
  scope: Scope,
  id: string,
): Promise<T | undefined> {
  const row = await reads.one<EntityData<T>>(`select * from ${schema.meta.tableName} where id = ? and store_id = ? and livemode = ?`, [
    id,
    scope.storeId,
    scope.mode === 'live',
  ]);
  return row && plainReader(orm.em, schema)(row);
}

/** What every store-owned row is created with. */
export function ownership(scope: Scope) {
  return { store: scope.storeId, livemode: scope.mode === 'live' };
}
