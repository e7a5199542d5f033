import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook } from '../../../src/modules/webhooks/signature.js';

const id = 'evt_01JQ3Z8Y7X6W5V4T3S2R1Q0P9N';
const body = JSON.stringify({ id, type: 'order.paid', timestamp: '2026-03-12T02:30:00Z', data: { order_id: 'ord_1' } });
const now = () => Math.floor(Date.now() / 1000);

function headers(signature: string, timestamp: number): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

describe('generateWebhookSecret', () => {
  it('is whsec_ and 32 random bytes in base64', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});

describe('signWebhook', () => {
  it('produces a signature the standardwebhooks verifier accepts', () => {
    const secret = generateWebhookSecret();
    const ts = now();
    const signature = signWebhook([secret], id, ts, body);
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers(signature, ts))).toEqual(JSON.parse(body));
  });

  it('matches the reference signer byte for byte', () => {
    const secret = generateWebhookSecret();
    const ts = now();
    expect(signWebhook([secret], id, ts, body)).toBe(new Webhook(secret).sign(id, new Date(ts * 1000), body));
  });

  it('signs with every secret during a rotation, so either one verifies', () => {
    const [previous, next] = [generateWebhookSecret(), generateWebhookSecret()];
    const ts = now();
    const signature = signWebhook([previous, next], id, ts, body);
    expect(signature.split(' ')).toHaveLength(2);
    expect(new Webhook(previous).verify(body, headers(signature, ts))).toEqual(JSON.parse(body));
    expect(new Webhook(next).verify(body, headers(signature, ts))).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers(signature, ts))).toThrow(WebhookVerificationError);
  });

  it('is rejected when the body, the id or the timestamp changed', () => {
    const secret = generateWebhookSecret();
    const ts = now();
    const signature = signWebhook([secret], id, ts, body);
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace('ord_1', 'ord_2'), headers(signature, ts))).toThrow('No matching signature found');
    expect(() => verifier.verify(body, { ...headers(signature, ts), 'webhook-id': 'evt_other' })).toThrow('No matching signature found');
    expect(() => verifier.verify(body, headers(signature, ts - 1))).toThrow('No matching signature found');
  });

  it('covers the exact bytes sent, non-ASCII included', () => {
    const secret = generateWebhookSecret();
    const ts = now();
    const accented = JSON.stringify({ name: 'Café São João ✓' });
    expect(new Webhook(secret).verify(accented, headers(signWebhook([secret], id, ts, accented), ts))).toEqual(JSON.parse(accented));
  });

  it('refuses to sign without a secret', () => {
    expect(() => signWebhook([], id, now(), body)).toThrow('at least one secret');
  });
});
