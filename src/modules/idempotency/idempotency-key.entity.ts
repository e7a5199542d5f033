import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { KEY_MODES } from '../keys/api-key.entity.js';
import { StoreSchema } from '../stores/store.entity.js';

/** The first response to a POST with an Idempotency-Key, kept 24 h to replay to retries. */
export const IdempotencyKeySchema = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    mode: p.enum([...KEY_MODES]),
    key: p.string(),
    /** SHA-256 of method, path and canonical body: the same key with another request is refused. */
    requestHash: p.string().length(64),
    state: p.enum(['in_flight', 'done']),
    responseStatus: p.integer().nullable(),
    responseBody: p.text().nullable(),
    /** While in flight: after this, the request is presumed dead and the key may be taken over. */
    lockedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
  }),
  uniques: [{ properties: ['store', 'mode', 'key'] }],
});

export type IdempotencyKey = InferEntity<typeof IdempotencyKeySchema>;
