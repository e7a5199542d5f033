import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

export interface Sealed {
  /** `base64(iv).base64(tag).base64(ciphertext)` */
  ciphertext: string;
  /** Which master key sealed it, so the master key can be rotated row by row. */
  keyVersion: string;
}

/** A short, stable fingerprint of a master key: never the key, enough to tell keys apart. */
export function keyVersionOf(masterKey: Buffer): string {
  return createHash('sha256').update(masterKey).digest('hex').slice(0, 12);
}

/**
 * AES-256-GCM with a fresh IV per value. `context` (e.g. store, mode and field) is bound as
 * additional data, so a ciphertext copied into another row or field fails to open.
 */
export function seal(masterKey: Buffer, plaintext: string, context: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, masterKey, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    ciphertext: [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join('.'),
    keyVersion: keyVersionOf(masterKey),
  };
}

export function open(masterKey: Buffer, sealed: Sealed, context: string): string {
  if (sealed.keyVersion !== keyVersionOf(masterKey)) {
    throw new Error(`sealed with master key ${sealed.keyVersion}, but the current key is ${keyVersionOf(masterKey)}`);
  }
  const [iv, tag, body] = sealed.ciphertext.split('.').map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !body) throw new Error('malformed ciphertext');
  const decipher = createDecipheriv(ALGORITHM, masterKey, iv);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
