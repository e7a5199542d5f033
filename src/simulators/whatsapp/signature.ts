import { createHmac } from 'node:crypto';

/**
 * JSON as Meta writes its webhook bodies: non-ASCII escaped as \uXXXX (`Jo\u00e3o`, reference §4).
 * A receiver that hashes its own re-serialization (`João`) gets another digest: that is the point.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Meta's webhook headers: the body signed with the app secret, SHA-256 and (legacy) SHA-1. */
export function webhookHeaders(appSecret: string, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
    'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`,
  };
}
