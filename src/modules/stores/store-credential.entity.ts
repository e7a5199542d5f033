import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { KEY_MODES } from '../keys/api-key.entity.js';
import { StoreSchema } from './store.entity.js';

/** One provider credential of one store in one mode, sealed with the instance master key. */
export const StoreCredentialSchema = defineEntity({
  name: 'StoreCredential',
  tableName: 'store_credentials',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    mode: p.enum([...KEY_MODES]),
    name: p.string().length(64),
    ciphertext: p.text(),
    keyVersion: p.string().length(16),
    /** What listings show, computed when the value is set so showing never needs the key. */
    masked: p.text(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
  uniques: [{ properties: ['store', 'mode', 'name'] }],
});

export type StoreCredential = InferEntity<typeof StoreCredentialSchema>;
