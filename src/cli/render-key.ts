import type { ApiKey } from '../modules/keys/api-key.entity.js';
import { cellDate, isoDate } from './render-store.js';
import { renderTable } from './table.js';

export type KeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

export interface KeyJson {
  id: string;
  object: 'api_key';
  store_id: string;
  kind: string;
  mode: string;
  /** What identifies the key in listings (`sk_test_7Hq2…`); never enough to use it. */
  prefix: string;
  /** revoked, expired, expiring (works until expires_at, e.g. after a rotation) or active. */
  status: KeyStatus;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export function keyStatus(key: ApiKey, now: Date): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  return key.expiresAt ? 'expiring' : 'active';
}

export function keyJson(key: ApiKey, now: Date): KeyJson {
  return {
    id: key.id,
    object: 'api_key',
    store_id: key.store.id,
    kind: key.kind,
    mode: key.mode,
    prefix: key.prefix,
    status: keyStatus(key, now),
    created_at: key.createdAt.toISOString(),
    last_used_at: isoDate(key.lastUsedAt),
    expires_at: isoDate(key.expiresAt),
    revoked_at: isoDate(key.revokedAt),
  };
}

export function keysTable(keys: ApiKey[], now: Date): string {
  return renderTable(
    ['id', 'kind', 'mode', 'prefix', 'created', 'last used', 'expires', 'status'],
    keys.map((k) => [
      k.id,
      k.kind,
      k.mode,
      k.prefix,
      cellDate(k.createdAt),
      cellDate(k.lastUsedAt),
      cellDate(k.expiresAt),
      keyStatus(k, now) === 'revoked' ? `revoked ${cellDate(k.revokedAt)}` : keyStatus(k, now),
    ]),
  );
}

/** The lines around a freshly issued key: the only time its full value is ever printed. */
export function issuedKeyLines(secret: string): string[] {
  return ['', `  ${secret}`, '', "Store it now (e.g. in your storefront's secrets): it is not shown again and cannot be recovered."];
}
