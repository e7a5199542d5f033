import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../shared/ids.js';
import type { Store } from '../stores/store.entity.js';
import { ApiKeySchema, type ApiKey, type KeyKind, type KeyMode } from './api-key.entity.js';
import { generateKey } from './secret.js';

export interface IssuedKey {
  apiKey: ApiKey;
  /** The full key: returned to the caller once and never stored. */
  secret: string;
}

/** Issues a key inside the caller's unit of work, so it commits with whatever else is created. */
export function issueKey(em: EntityManager, store: Store, mode: KeyMode, kind: KeyKind): IssuedKey {
  const { key, hash, prefix } = generateKey(kind, mode);
  const apiKey = em.create(ApiKeySchema, { id: newId('key'), store, mode, kind, hash, prefix });
  return { apiKey, secret: key };
}
