import { open, seal } from '../../shared/cipher.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

const context = (endpointId: string, which: 'current' | 'previous') => `${endpointId}:${which}`;

export function sealSecret(masterKey: Buffer, endpointId: string, secret: string) {
  const { ciphertext, keyVersion } = seal(masterKey, secret, context(endpointId, 'current'));
  return { secretCiphertext: ciphertext, secretKeyVersion: keyVersion };
}

/** Moves the current secret to "previous", valid until `expiresAt`, so both sign meanwhile. */
export function retireSecret(masterKey: Buffer, endpoint: WebhookEndpoint, expiresAt: Date) {
  const current = open(
    masterKey,
    { ciphertext: endpoint.secretCiphertext, keyVersion: endpoint.secretKeyVersion },
    context(endpoint.id, 'current'),
  );
  const { ciphertext, keyVersion } = seal(masterKey, current, context(endpoint.id, 'previous'));
  return { previousSecretCiphertext: ciphertext, previousSecretKeyVersion: keyVersion, previousSecretExpiresAt: expiresAt };
}

/** The secrets that sign right now: the current one, and the previous one during its grace period. */
export type SecretFields = Pick<
  WebhookEndpoint,
  'id' | 'secretCiphertext' | 'secretKeyVersion' | 'previousSecretCiphertext' | 'previousSecretKeyVersion' | 'previousSecretExpiresAt'
>;

export function signingSecrets(masterKey: Buffer, endpoint: SecretFields, now: Date): string[] {
  const secrets = [opened(masterKey, endpoint.secretCiphertext, endpoint.secretKeyVersion, context(endpoint.id, 'current'))];
  if (
    endpoint.previousSecretCiphertext &&
    endpoint.previousSecretKeyVersion &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
  ) {
    secrets.push(opened(masterKey, endpoint.previousSecretCiphertext, endpoint.previousSecretKeyVersion, context(endpoint.id, 'previous')));
  }
  return secrets;
}

/** Bounded like TtlCache: past this many it starts over. */
const MAX_OPENED = 10_000;
const openedBy = new WeakMap<Buffer, Map<string, string>>();

/**
 * Every delivery signs with its endpoint's secret, and opening it (AES-GCM, the master key's
 * fingerprint checked) cost ~14 µs each time. A sealed value never changes (a new secret is a
 * new ciphertext, with a fresh IV), so what it opens to is kept, per master key.
 */
function opened(masterKey: Buffer, ciphertext: string, keyVersion: string, at: string): string {
  let cache = openedBy.get(masterKey);
  if (!cache) openedBy.set(masterKey, (cache = new Map()));
  const key = `${at} ${keyVersion} ${ciphertext}`;
  let secret = cache.get(key);
  if (secret === undefined) {
    secret = open(masterKey, { ciphertext, keyVersion }, at);
    if (cache.size >= MAX_OPENED) cache.clear();
    cache.set(key, secret);
  }
  return secret;
}
