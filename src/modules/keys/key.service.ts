import type { Db, Orm } from '../../db/orm.js';
import type { Reads } from '../../db/reads.js';
import type { Clock } from '../../shared/clock.js';
import { forbidden, invalidState, notFound, unauthenticated } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Store } from '../stores/store.entity.js';
import { findStore } from '../stores/find-store.js';
import { ApiKeySchema, type ApiKey, type KeyKind, type KeyMode } from './api-key.entity.js';
import { generateKey, hashKey } from './secret.js';

export interface IssuedKey {
  apiKey: ApiKey;
  /** The full key: returned to the caller once and never stored. */
  secret: string;
}

/** The store as a request sees it: read once per request, never written through. */
export type StoreSnapshot = Pick<Store, 'id' | 'name' | 'currency' | 'locale' | 'timezone' | 'status'>;

/** Who is calling: the key, its store and the mode everything it touches lives in. */
export interface AuthContext {
  keyId: string;
  kind: KeyKind;
  mode: KeyMode;
  store: StoreSnapshot;
}

/** The shape every well-formed key has; anything else is refused without a database lookup. */
const KEY_SHAPE = /^(sk|pk)_(test|live)_[A-Za-z0-9_-]{43}$/;

const INVALID_KEY = 'Invalid API key provided.';

interface KeyRow {
  key_id: string;
  kind: KeyKind;
  mode: KeyMode;
  revoked_at: unknown;
  expires_at: string | number | Date | null;
  store_id: string;
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  status: Store['status'];
}

/** Issues a key inside the caller's unit of work, so it commits with whatever else is created. */
export function issueKey(em: Db, store: Store, mode: KeyMode, kind: KeyKind): IssuedKey {
  const { key, hash, prefix } = generateKey(kind, mode);
  const apiKey = em.create(ApiKeySchema, { id: newId('key'), store, mode, kind, hash, prefix });
  return { apiKey, secret: key };
}

export class KeyService {
  constructor(
    private readonly orm: Orm,
    private readonly reads: Reads,
    private readonly clock: Clock,
  ) {}

  async create(storeIdOrSlug: string, mode: KeyMode, kind: KeyKind): Promise<IssuedKey> {
    const em = this.orm.em.fork();
    const issued = issueKey(em, await findStore(em, storeIdOrSlug), mode, kind);
    await em.flush();
    return issued;
  }

  async list(storeIdOrSlug: string): Promise<ApiKey[]> {
    const em = this.orm.em.fork();
    const store = await findStore(em, storeIdOrSlug);
    return em.find(ApiKeySchema, { store }, { orderBy: { id: 'desc' } });
  }

  async revoke(keyId: string): Promise<ApiKey> {
    const em = this.orm.em.fork();
    const key = await findKey(em, keyId);
    key.revokedAt ??= this.clock.now();
    await em.flush();
    return key;
  }

  /**
   * A new key of the same store, mode and kind now; the old one keeps working for `graceMs`
   * (0: it stops at once), so a storefront can be redeployed without downtime.
   */
  async rotate(keyId: string, graceMs: number): Promise<{ issued: IssuedKey; previous: ApiKey }> {
    return this.orm.em.fork().transactional(async (em) => {
      const previous = await findKey(em, keyId);
      if (previous.revokedAt || (previous.expiresAt && previous.expiresAt <= this.clock.now())) {
        throw invalidState('key_inactive', `Key ${keyId} is already revoked or expired; create a new one with \`baas keys create\`.`);
      }
      const graceEnds = new Date(this.clock.now().getTime() + graceMs);
      if (!previous.expiresAt || previous.expiresAt > graceEnds) previous.expiresAt = graceEnds;
      const issued = issueKey(em, previous.store, previous.mode, previous.kind);
      return { issued, previous };
    });
  }

  /**
   * Resolves a presented key. Unknown, malformed, revoked and expired keys all fail the same
   * way (no oracle); a disabled store is a 403 because the key itself is fine.
   */
  async authenticate(presented: string): Promise<AuthContext> {
    if (!KEY_SHAPE.test(presented)) throw unauthenticated('api_key_invalid', INVALID_KEY);
    // Every API request passes here: one indexed join, ~5x cheaper than an ORM findOne.
    const row = await this.reads.one<KeyRow>(
      `select k.id as key_id, k.kind, k.mode, k.revoked_at, k.expires_at, s.id as store_id, s.name, s.currency, s.locale, s.timezone, s.status
         from api_keys k join stores s on s.id = k.store_id where k.hash = ?`,
      [hashKey(presented)],
    );
    const now = this.clock.now().getTime();
    if (!row?.key_id || row.revoked_at != null || (row.expires_at != null && new Date(row.expires_at).getTime() <= now)) {
      throw unauthenticated('api_key_invalid', INVALID_KEY);
    }
    if (row.status !== 'active') throw forbidden('store_disabled', 'This store is disabled. Ask your agency to enable it.');
    const store = {
      id: row.store_id,
      name: row.name,
      currency: row.currency,
      locale: row.locale,
      timezone: row.timezone,
      status: row.status,
    };
    return { keyId: row.key_id, kind: row.kind, mode: row.mode, store };
  }
}

async function findKey(em: Db, keyId: string): Promise<ApiKey> {
  const key = await em.findOne(ApiKeySchema, { id: keyId }, { populate: ['store'] });
  if (!key) throw notFound('key_not_found', `No key ${keyId}.`);
  return key;
}

export type { KeyKind, KeyMode };
