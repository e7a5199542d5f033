import type { Orm } from '../../db/orm.js';
import { ApiKeySchema, KEY_MODES, type KeyMode } from '../keys/api-key.entity.js';
import type { CredentialName } from '../stores/credentials.js';
import { StoreCredentialSchema } from '../stores/store-credential.entity.js';
import { StoreSchema, type Store } from '../stores/store.entity.js';

export interface StoreInUse {
  store: Store;
  /** A live key that is neither revoked nor expired: the store takes real money. */
  live: boolean;
  /** Per mode, the credentials set and their masked values (what `stores show` prints): read without the master key. */
  credentials: Record<KeyMode, Map<CredentialName, string>>;
}

/** The active stores, whether each is live, and which credentials each mode has, in three queries. */
export async function storesInUse(orm: Orm, now: Date): Promise<StoreInUse[]> {
  const em = orm.em.fork();
  const stores = await em.find(StoreSchema, { status: 'active' }, { orderBy: { id: 'asc' } });
  const liveKeys = await em.find(
    ApiKeySchema,
    { store: { $in: stores }, mode: 'live', revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
    { fields: ['store'] },
  );
  const live = new Set(liveKeys.map((key) => key.store.id));
  const credentials = await em.find(StoreCredentialSchema, { store: { $in: stores } }, { fields: ['store', 'mode', 'name', 'masked'] });
  return stores.map((store) => {
    const byMode = Object.fromEntries(KEY_MODES.map((mode) => [mode, new Map<CredentialName, string>()])) as StoreInUse['credentials'];
    for (const credential of credentials) {
      if (credential.store.id === store.id) byMode[credential.mode].set(credential.name as CredentialName, credential.masked);
    }
    return { store, live: live.has(store.id), credentials: byMode };
  });
}
