import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';

export const KEY_MODES = ['test', 'live'] as const;
export type KeyMode = (typeof KEY_MODES)[number];
export const KEY_KINDS = ['secret', 'publishable'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema).index(),
    mode: p.enum([...KEY_MODES]),
    kind: p.enum([...KEY_KINDS]),
    /** SHA-256 of the whole key, hex: the only form in which a key is stored. */
    hash: p.string().length(64).unique(),
    /** What a listing shows, e.g. `sk_test_7Hq2…`; never enough to use the key. */
    prefix: p.string().length(32),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  }),
});

export type ApiKey = InferEntity<typeof ApiKeySchema>;
