import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(App Secret, raw body)>` (reference §4).
 * `rawBody` must be the bytes as received: Meta escapes non-ASCII as \uXXXX, so JSON parsed and
 * serialized again hashes differently. Several secrets may be tried (a store's test and live
 * apps share one hook URL). Missing, malformed or wrong → false.
 */
export function verifyHubSignature(
  rawBody: string | Buffer,
  header: string | null | undefined,
  appSecrets: string | readonly string[],
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'hex');
  return secretsOf(appSecrets).some((secret) => safeEqual(createHmac('sha256', secret).update(rawBody).digest(), given));
}

/**
 * The subscription handshake: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.
 * Returns the challenge to answer 200 text/plain with, unchanged, or null for a 403.
 */
export function answerHandshake(query: Record<string, unknown>, verifyTokens: string | readonly string[]): string | null {
  const mode = firstString(query['hub.mode']);
  const token = firstString(query['hub.verify_token']);
  const challenge = firstString(query['hub.challenge']);
  if (mode !== 'subscribe' || token === null || challenge === null) return null;
  const given = Buffer.from(token);
  return secretsOf(verifyTokens).some((expected) => safeEqual(Buffer.from(expected), given)) ? challenge : null;
}

/** An unset secret never matches, not even an empty header or token. */
function secretsOf(secrets: string | readonly string[]): string[] {
  return (typeof secrets === 'string' ? [secrets] : [...secrets]).filter((secret) => secret !== '');
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function firstString(value: unknown): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : null;
}
