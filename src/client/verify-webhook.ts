import { timingSafeEqual } from 'node:crypto';
import { signWebhook } from '../modules/webhooks/signature.js';
import type { WebhookEvent } from './types.js';

/** Node's `req.headers`, or a fetch `Headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way; 300 s (Standard Webhooks' reference library) by default. */
  toleranceSeconds?: number;
  now?: Date;
}

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/**
 * Checks a webhook from baas the Standard Webhooks way and returns the event. `rawBody` must be
 * the bytes as received (not re-serialized JSON). `secret` is the endpoint's `whsec_…`; pass
 * several while you rotate: any one matching any listed signature is enough. Throws
 * WebhookVerificationError for anything forged, altered, replayed late or malformed.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): WebhookEvent {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature');
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('Invalid webhook-timestamp');

  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const sentAt = Number(timestamp);
  if (sentAt < now - tolerance) throw new WebhookVerificationError('Message timestamp too old');
  if (sentAt > now + tolerance) throw new WebhookVerificationError('Message timestamp too new');

  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const expected = (typeof secret === 'string' ? [secret] : secret).map((s) => signWebhook([s], id, sentAt, body));
  const presented = signatures.split(' ').filter((signature) => signature.startsWith('v1,'));
  if (!presented.some((signature) => expected.some((candidate) => sameString(signature, candidate)))) {
    throw new WebhookVerificationError('No matching signature found');
  }
  return JSON.parse(body) as WebhookEvent;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

/** Constant time, so a forger learns nothing from how long a wrong guess takes to refuse. */
function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
