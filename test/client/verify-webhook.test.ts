import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '../../src/client/index.js';
import { createTenant, SAMPLE_ORDER } from '../helpers/api.js';
import { startReceiver } from '../helpers/receiver.js';
import { startTestServer } from '../helpers/server.js';
import { clientFor } from './client-helpers.js';

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;
const BODY = JSON.stringify({
  id: 'evt_1',
  type: 'order.created',
  timestamp: '2026-03-12T14:00:00.000Z',
  data: { object: { id: 'ord_1' } },
});
const NOW = new Date('2026-03-12T14:00:00Z');

/** Headers as the Standard Webhooks reference library signs them. */
function signedBy(...secrets: string[]) {
  const timestamp = Math.floor(NOW.getTime() / 1000);
  return {
    'webhook-id': 'evt_1',
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign('evt_1', NOW, BODY)).join(' '),
  };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  throw new Error('expected the webhook to be refused');
};

describe('verifyWebhook', () => {
  it('accepts what the standardwebhooks library signs, with or without the whsec_ prefix, and returns the event', () => {
    const key = secret();
    const event = verifyWebhook(BODY, signedBy(key), key, { now: NOW });
    expect(event).toMatchObject({ id: 'evt_1', type: 'order.created' });
    expect(verifyWebhook(Buffer.from(BODY), new Headers(signedBy(key)), key.slice('whsec_'.length), { now: NOW }).id).toBe('evt_1');
  });

  it('accepts any one matching signature of several, and any one of several secrets', () => {
    const [old, current, other] = [secret(), secret(), secret()];
    expect(verifyWebhook(BODY, signedBy(other, current), current, { now: NOW }).id).toBe('evt_1');
    expect(verifyWebhook(BODY, signedBy(old), [current, old], { now: NOW }).id).toBe('evt_1');
  });

  it('refuses a forged, altered, unsigned or v1a-only message', () => {
    const key = secret();
    expect(refusal(() => verifyWebhook(BODY, signedBy(secret()), key, { now: NOW }))).toBe('No matching signature found');
    expect(refusal(() => verifyWebhook(BODY.replace('ord_1', 'ord_2'), signedBy(key), key, { now: NOW }))).toBe(
      'No matching signature found',
    );
    const headers = signedBy(key);
    expect(
      refusal(() =>
        verifyWebhook(BODY, { ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v1a,') }, key, { now: NOW }),
      ),
    ).toBe('No matching signature found');
    expect(refusal(() => verifyWebhook(BODY, { ...headers, 'webhook-signature': undefined }, key, { now: NOW }))).toMatch(/^Missing/);
  });

  it('refuses a timestamp outside the tolerance, either way', () => {
    const key = secret();
    const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    expect(verifyWebhook(BODY, signedBy(key), key, { now: later(300) }).id).toBe('evt_1');
    expect(refusal(() => verifyWebhook(BODY, signedBy(key), key, { now: later(301) }))).toBe('Message timestamp too old');
    expect(refusal(() => verifyWebhook(BODY, signedBy(key), key, { now: later(-301) }))).toBe('Message timestamp too new');
    expect(refusal(() => verifyWebhook(BODY, signedBy(key), key, { now: later(61), toleranceSeconds: 60 }))).toBe(
      'Message timestamp too old',
    );
  });

  it('verifies real deliveries, with the old and the new secret while a rotation overlaps, like standardwebhooks does', async () => {
    const server = await startTestServer({ env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const { keys } = await createTenant(server);
    const receiver = await startReceiver();
    const { baas } = clientFor(server, keys.test);
    const endpoint = await baas.webhookEndpoints.create({ url: receiver.url, enabled_events: ['order.created'] });
    const rotated = await baas.webhookEndpoints.rotateSecret(endpoint.id, { expire_current_in: 3600 });

    const order = await baas.orders.create(SAMPLE_ORDER);
    const [delivery] = await receiver.waitFor(1);
    expect(String(delivery!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const key of [endpoint.secret!, rotated.secret!]) {
      const event: WebhookEvent = verifyWebhook(delivery!.body, delivery!.headers, key);
      if (event.type !== 'order.created') throw new Error(`unexpected ${event.type}`);
      expect(event.data.object.id).toBe(order.id);
      expect(new Webhook(key).verify(delivery!.body, delivery!.headers as Record<string, string>)).toEqual(event);
    }

    await baas.webhookEndpoints.rotateSecret(endpoint.id, { expire_current_in: 0 });
    const latest = await baas.webhookEndpoints.rotateSecret(endpoint.id, { expire_current_in: 0 });
    await baas.orders.create(SAMPLE_ORDER);
    const [, second] = await receiver.waitFor(2);
    expect(verifyWebhook(second!.body, second!.headers, latest.secret!).type).toBe('order.created');
    expect(refusal(() => verifyWebhook(second!.body, second!.headers, endpoint.secret!))).toBe('No matching signature found');
  });
});
