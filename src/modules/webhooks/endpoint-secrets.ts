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
  const secrets = [
    open(masterKey, { ciphertext: endpoint.secretCiphertext, keyVersion: endpoint.secretKeyVersion }, context(endpoint.id, 'current')),
  ];
  if (
    endpoint.previousSecretCiphertext &&
    endpoint.previousSecretKeyVersion &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
  ) {
    secrets.push(
      open(
        masterKey,
        { ciphertext: endpoint.previousSecretCiphertext, keyVersion: endpoint.previousSecretKeyVersion },
        context(endpoint.id, 'previous'),
      ),
    );
  }
  return secrets;
}
