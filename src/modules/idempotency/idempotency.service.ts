import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { dbDate, type Db, type Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, invalidRequest } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import { IdempotencyKeySchema } from './idempotency-key.entity.js';

const KEEP_MS = 24 * 3600_000;
/** A request holding a key longer than this is presumed dead (server crash) and can be retried. */
const LOCK_MS = 90_000;
const stableJson = configure({ bigint: true, circularValue: Error, deterministic: true });

export type Begun = { outcome: 'proceed'; id: string } | { outcome: 'replay'; status: number; body: unknown };

export interface IdempotencyScope {
  storeId: string;
  mode: KeyMode;
}

/** Fingerprint of a request: the same key may only ever carry this same request. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${stableJson(body ?? null)}`)
    .digest('hex');
}

/**
 * Idempotency keys per store and mode, stored durably: the first request with a key runs and its
 * response is kept for 24 h; retries with the same request get that response again.
 */
export class IdempotencyService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  async begin(scope: IdempotencyScope, key: string, fingerprint: string): Promise<Begun> {
    if (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw invalidRequest('idempotency_key_invalid', 'Idempotency-Key must be 1 to 255 printable ASCII characters.', 'Idempotency-Key');
    }
    const em = this.orm.em.fork();
    for (let attempt = 0; attempt < 2; attempt++) {
      const now = this.clock.now();
      const id = newId('idk');
      if (await this.insert(em, scope, key, fingerprint, id, now)) return { outcome: 'proceed', id };
      const row = await em.findOne(IdempotencyKeySchema, { store: scope.storeId, mode: scope.mode, key }, { refresh: true });
      if (!row) continue; // purged between the two statements
      if (row.expiresAt <= now) {
        await em.nativeDelete(IdempotencyKeySchema, { id: row.id, expiresAt: row.expiresAt });
        continue;
      }
      if (row.requestHash !== fingerprint) {
        throw new AppError(
          422,
          'idempotency_error',
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request.',
        );
      }
      if (row.state === 'done') return { outcome: 'replay', status: row.responseStatus!, body: JSON.parse(row.responseBody!) };
      if (row.lockedUntil && row.lockedUntil > now) {
        throw new AppError(
          409,
          'idempotency_error',
          'idempotency_key_in_use',
          'A request with this Idempotency-Key is still being processed; retry shortly.',
        );
      }
      // The first request died without an answer: take the key over, unless another retry just did.
      const taken = await em.nativeUpdate(
        IdempotencyKeySchema,
        { id: row.id, state: 'in_flight', lockedUntil: row.lockedUntil },
        { lockedUntil: new Date(now.getTime() + LOCK_MS) },
      );
      if (taken === 1) return { outcome: 'proceed', id: row.id };
      throw new AppError(
        409,
        'idempotency_error',
        'idempotency_key_in_use',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    }
    throw new AppError(
      409,
      'idempotency_error',
      'idempotency_key_in_use',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
    );
  }

  async complete(id: string, status: number, body: unknown): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(
        IdempotencyKeySchema,
        { id },
        { state: 'done', responseStatus: status, responseBody: JSON.stringify(body ?? null), lockedUntil: null },
      );
  }

  /** Removes expired keys, `batch` at a time; returns how many went. */
  async purgeExpired(batch: number): Promise<number> {
    const em = this.orm.em.fork();
    const result = await em.execute(
      'delete from idempotency_keys where id in (select id from idempotency_keys where expires_at < ? limit ?)',
      [dbDate(em, this.clock.now()), batch],
      'run',
    );
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }

  private async insert(em: Db, scope: IdempotencyScope, key: string, fingerprint: string, id: string, now: Date): Promise<boolean> {
    const query = em
      .getKnex()
      .table('idempotency_keys')
      .insert({
        id,
        store_id: scope.storeId,
        mode: scope.mode,
        key,
        request_hash: fingerprint,
        state: 'in_flight',
        locked_until: dbDate(em, new Date(now.getTime() + LOCK_MS)),
        created_at: dbDate(em, now),
        expires_at: dbDate(em, new Date(now.getTime() + KEEP_MS)),
      })
      .onConflict(['store_id', 'mode', 'key'])
      .ignore()
      .returning('id');
    return (await em.execute<{ id: string }[]>(query, [], 'all')).length > 0;
  }
}
