import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes, as long as an HMAC-SHA256 digest and within the 24–64 the spec allows. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The `webhook-signature` header for one attempt. Every secret still valid signs, so a receiver
 * holding either the old or the new secret during a rotation accepts the message.
 */
export function signWebhook(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  // An empty header would go out looking signed while no receiver could ever verify it.
  if (secrets.length === 0) throw new Error('A webhook needs at least one secret to be signed.');
  const content = `${id}.${timestampSeconds}.${body}`;
  return secrets.map((secret) => `v1,${createHmac('sha256', secretKey(secret)).update(content).digest('base64')}`).join(' ');
}

function secretKey(secret: string): Buffer {
  const raw = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(raw, 'base64');
}
