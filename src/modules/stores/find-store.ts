import type { Db } from '../../db/orm.js';
import { notFound } from '../../shared/errors.js';
import { StoreSchema, type Store } from './store.entity.js';

/** Stores are looked up by id or by slug, so operators can type `baas stores show demo-store`. */
export async function findStore(em: Db, idOrSlug: string): Promise<Store> {
  const store = await em.findOne(StoreSchema, idOrSlug.startsWith('sto_') ? { id: idOrSlug } : { slug: idOrSlug });
  if (!store) throw notFound('store_not_found', `No store ${idOrSlug}.`);
  return store;
}
