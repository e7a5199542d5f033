import type { Db } from '../../db/orm.js';
import { open, seal } from '../../shared/cipher.js';
import { newId } from '../../shared/ids.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import { maskCredential, type CredentialName } from './credentials.js';
import { StoreCredentialSchema } from './store-credential.entity.js';
import type { Store } from './store.entity.js';
import type { CredentialChanges } from './store-input.js';

/** Binds each ciphertext to its store, mode and field: a value moved elsewhere will not open. */
const context = (storeId: string, mode: KeyMode, name: string) => `${storeId}:${mode}:${name}`;

/** Applies set/remove changes in the caller's unit of work; values are sealed before they touch the ORM. */
export async function applyCredentialChanges(
  em: Db,
  masterKey: Buffer,
  store: Store,
  mode: KeyMode,
  changes: CredentialChanges,
): Promise<void> {
  const existing = new Map((await em.find(StoreCredentialSchema, { store, mode })).map((c) => [c.name, c]));
  for (const [name, value] of Object.entries(changes) as [CredentialName, string | null | undefined][]) {
    if (value === undefined) continue;
    const current = existing.get(name);
    if (value === null) {
      if (current) em.remove(current);
      continue;
    }
    const sealed = seal(masterKey, value, context(store.id, mode, name));
    const masked = maskCredential(name, value);
    if (current) em.assign(current, { ...sealed, masked });
    else em.create(StoreCredentialSchema, { id: newId('crd'), store, mode, name, ...sealed, masked });
  }
}

/** Masked values per mode, for listings: never decrypts. */
export async function maskedCredentials(em: Db, storeId: string): Promise<Record<KeyMode, Record<string, string>>> {
  const result: Record<KeyMode, Record<string, string>> = { test: {}, live: {} };
  for (const credential of await em.find(StoreCredentialSchema, { store: storeId }, { orderBy: { name: 'asc' } })) {
    result[credential.mode][credential.name] = credential.masked;
  }
  return result;
}

/** The plaintext values of one mode, for the provider adapters. */
export async function readCredentials(
  em: Db,
  masterKey: Buffer,
  storeId: string,
  mode: KeyMode,
): Promise<Partial<Record<CredentialName, string>>> {
  const values: Partial<Record<CredentialName, string>> = {};
  for (const credential of await em.find(StoreCredentialSchema, { store: storeId, mode })) {
    values[credential.name as CredentialName] = open(masterKey, credential, context(storeId, mode, credential.name));
  }
  return values;
}
