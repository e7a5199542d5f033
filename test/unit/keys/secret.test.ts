import { describe, expect, it } from 'vitest';
import { generateKey, hashKey } from '../../../src/modules/keys/secret.js';

describe('generateKey', () => {
  it('makes sk_/pk_ keys per mode with at least 32 bytes of randomness', () => {
    const secret = generateKey('secret', 'test');
    expect(secret.key).toMatch(/^sk_test_[A-Za-z0-9_-]{43}$/);
    expect(generateKey('publishable', 'live').key).toMatch(/^pk_live_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.key.slice('sk_test_'.length), 'base64url')).toHaveLength(32);
  });

  it('stores only a SHA-256 hash and a prefix too short to use', () => {
    const { key, hash, prefix } = generateKey('secret', 'live');
    expect(hash).toBe(hashKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(prefix).toBe(`${key.slice(0, 'sk_live_'.length + 4)}…`);
    expect(generateKey('secret', 'live').key).not.toBe(key);
  });
});
