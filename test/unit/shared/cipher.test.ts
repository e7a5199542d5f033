import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyVersionOf, open, seal } from '../../../src/shared/cipher.js';

describe('seal/open (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips and never repeats a ciphertext', () => {
    const a = seal(key, 'APP_USR-123456-secret', 'sto_1:test:mercadopago.access_token');
    const b = seal(key, 'APP_USR-123456-secret', 'sto_1:test:mercadopago.access_token');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain('APP_USR');
    expect(open(key, a, 'sto_1:test:mercadopago.access_token')).toBe('APP_USR-123456-secret');
    expect(a.keyVersion).toBe(keyVersionOf(key));
  });

  it('refuses a ciphertext moved to another store, mode or field', () => {
    const sealed = seal(key, 'secret', 'sto_1:test:whatsapp.app_secret');
    expect(() => open(key, sealed, 'sto_2:test:whatsapp.app_secret')).toThrow();
    expect(() => open(key, sealed, 'sto_1:live:whatsapp.app_secret')).toThrow();
  });

  it('refuses tampering and says when another master key sealed it', () => {
    const sealed = seal(key, 'secret', 'ctx');
    const [iv, tag, body] = sealed.ciphertext.split('.');
    const flipped = Buffer.from(body!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => open(key, { ...sealed, ciphertext: [iv, tag, flipped.toString('base64')].join('.') }, 'ctx')).toThrow();
    expect(() => open(randomBytes(32), sealed, 'ctx')).toThrow(/sealed with master key/);
  });
});
