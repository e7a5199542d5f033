import { createHash, randomBytes } from 'node:crypto';
import type { KeyKind, KeyMode } from './api-key.entity.js';

const KIND_PREFIX: Record<KeyKind, string> = { secret: 'sk', publishable: 'pk' };
const SECRET_BYTES = 32;
const VISIBLE_CHARS = 4;

/** `sk_test_` + 32 random bytes in base62-ish base64url: what the client stores, once. */
export function generateKey(kind: KeyKind, mode: KeyMode): { key: string; hash: string; prefix: string } {
  const head = `${KIND_PREFIX[kind]}_${mode}_`;
  const key = head + randomBytes(SECRET_BYTES).toString('base64url');
  return { key, hash: hashKey(key), prefix: `${head}${key.slice(head.length, head.length + VISIBLE_CHARS)}…` };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
