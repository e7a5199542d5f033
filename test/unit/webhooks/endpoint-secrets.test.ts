import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retireSecret, sealSecret, signingSecrets } from '../../../src/modules/webhooks/endpoint-secrets.js';
import type { WebhookEndpoint } from '../../../src/modules/webhooks/webhook-endpoint.entity.js';

const noon = new Date('2026-12-01T12:00:00Z');
const endpointWith = (masterKey: Buffer, secret: string) =>
  ({
    id: 'we_1',
    ...sealSecret(masterKey, 'we_1', secret),
    previousSecretCiphertext: null,
    previousSecretKeyVersion: null,
    previousSecretExpiresAt: null,
  }) as unknown as WebhookEndpoint;

describe('signingSecrets', () => {
  it('opens the current secret, and the previous one only during its grace period', () => {
    const masterKey = randomBytes(32);
    const endpoint = endpointWith(masterKey, 'whsec_old');
    expect(signingSecrets(masterKey, endpoint, noon)).toEqual(['whsec_old']);
    const rotated = {
      ...endpoint,
      ...retireSecret(masterKey, endpoint, new Date(noon.getTime() + 60_000)),
      ...sealSecret(masterKey, 'we_1', 'whsec_new'),
    };
    expect(signingSecrets(masterKey, rotated, noon)).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(masterKey, rotated, new Date(noon.getTime() + 60_000))).toEqual(['whsec_new']);
  });

  it('still refuses another master key once a secret has been opened', () => {
    const masterKey = randomBytes(32);
    const endpoint = endpointWith(masterKey, 'whsec_1');
    expect(signingSecrets(masterKey, endpoint, noon)).toEqual(['whsec_1']);
    expect(() => signingSecrets(randomBytes(32), endpoint, noon)).toThrow(/sealed with master key/);
  });

  it('refuses a ciphertext moved to another endpoint, opened before or not', () => {
    const masterKey = randomBytes(32);
    const endpoint = endpointWith(masterKey, 'whsec_1');
    expect(signingSecrets(masterKey, endpoint, noon)).toEqual(['whsec_1']);
    expect(() => signingSecrets(masterKey, { ...endpoint, id: 'we_2' }, noon)).toThrow();
  });
});
