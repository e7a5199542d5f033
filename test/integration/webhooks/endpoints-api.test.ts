import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { startReceiver } from '../../helpers/receiver.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

const ALLOW_PRIVATE = { env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } };

async function endpoint(server: TestServer, key: string, body: Record<string, unknown>) {
  return call(server, key, '/v1/webhook_endpoints', { body });
}

describe('webhook endpoints API', () => {
  it('creates an endpoint with a whsec_ secret shown once', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const created = await endpoint(server, keys.test, {
      url: 'https://shop.example/hooks',
      enabled_events: ['payment.*', 'order.paid'],
      description: 'loja',
    });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(body).toMatchObject({
      object: 'webhook_endpoint',
      url: 'https://shop.example/hooks',
      enabled_events: ['payment.*', 'order.paid'],
      status: 'enabled',
      livemode: false,
    });
    expect(Buffer.from(body.secret.replace(/^whsec_/, ''), 'base64')).toHaveLength(32);
    const fetched = await json(await call(server, keys.test, `/v1/webhook_endpoints/${body.id}`));
    expect(fetched.secret).toBeUndefined();
    expect((await json(await call(server, keys.test, '/v1/webhook_endpoints'))).data).toHaveLength(1);
  });

  it.each([
    [
      'an unknown event type',
      { url: 'https://shop.example/h', enabled_events: ['order.*', 'order.shipped'] },
      'enabled_events[1]',
      'unknown_event_type',
    ],
    ['an unknown resource', { url: 'https://shop.example/h', enabled_events: ['invoice.*'] }, 'enabled_events[0]', 'unknown_event_type'],
    ['no events', { url: 'https://shop.example/h', enabled_events: [] }, 'enabled_events', 'parameter_invalid'],
    ['a loopback URL', { url: 'http://127.0.0.1:9/h', enabled_events: ['*'] }, 'url', 'url_invalid'],
    ['the metadata address', { url: 'http://169.254.169.254/latest', enabled_events: ['*'] }, 'url', 'url_invalid'],
    ['a private network URL', { url: 'http://10.0.0.1/h', enabled_events: ['*'] }, 'url', 'url_invalid'],
    ['IPv6 loopback', { url: 'http://[::1]/h', enabled_events: ['*'] }, 'url', 'url_invalid'],
    ['not http', { url: 'ftp://shop.example/h', enabled_events: ['*'] }, 'url', 'url_invalid'],
  ])('refuses %s with 400', async (_label, body, param, code) => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const response = await endpoint(server, keys.test, body);
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ type: 'invalid_request_error', code, param });
  });

  it('requires https in live mode', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const response = await endpoint(server, keys.live, { url: 'http://shop.example/h', enabled_events: ['*'] });
    expect((await json(response)).error).toMatchObject({ code: 'url_invalid', param: 'url' });
    expect((await endpoint(server, keys.live, { url: 'https://shop.example/h', enabled_events: ['*'] })).status).toBe(201);
  });

  it('updates, disables and deletes', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { id } = await json(await endpoint(server, keys.test, { url: 'https://shop.example/h', enabled_events: ['*'] }));
    const patched = await json(
      await call(server, keys.test, `/v1/webhook_endpoints/${id}`, {
        method: 'PATCH',
        body: { enabled_events: ['order.*'], status: 'disabled' },
      }),
    );
    expect(patched).toMatchObject({ enabled_events: ['order.*'], status: 'disabled', disabled_reason: 'disabled_by_user' });
    expect((await call(server, keys.test, `/v1/webhook_endpoints/${id}`, { method: 'PATCH', body: { colour: 'red' } })).status).toBe(400);
    expect(await json(await call(server, keys.test, `/v1/webhook_endpoints/${id}`, { method: 'DELETE' }))).toEqual({
      id,
      object: 'webhook_endpoint',
      deleted: true,
    });
    expect((await call(server, keys.test, `/v1/webhook_endpoints/${id}`)).status).toBe(404);
  });
});

describe('deliveries', () => {
  it('sends each matching event, signed so that standardwebhooks verifies it', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const receiver = await startReceiver();
    const { id: endpointId, secret } = await json(await endpoint(server, keys.test, { url: receiver.url, enabled_events: ['order.*'] }));
    const order = await json(await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    await call(server, keys.test, `/v1/orders/${order.id}/cancel`, { method: 'POST' });

    const [created, cancelled] = await receiver.waitFor(2);
    const verifier = new Webhook(secret);
    const events = await json(await call(server, keys.test, `/v1/events?order_id=${order.id}`));
    const byType = Object.fromEntries(events.data.map((e: { type: string; id: string }) => [e.type, e]));
    for (const [received, type] of [
      [created!, 'order.created'],
      [cancelled!, 'order.cancelled'],
    ] as const) {
      const payload = verifier.verify(received.body, received.headers as Record<string, string>) as Record<string, unknown>;
      expect(payload).toEqual({ id: byType[type].id, type, timestamp: byType[type].created_at, data: byType[type].data });
      expect(received.headers['webhook-id']).toBe(byType[type].id);
      expect(received.headers['content-type']).toBe('application/json');
      expect(received.headers['user-agent']).toMatch(/^baas-webhooks\/\d+\.\d+\.\d+$/);
    }
    const deliveries = await json(await call(server, keys.test, `/v1/webhook_endpoints/${endpointId}/deliveries`));
    expect(deliveries.data).toHaveLength(2);
    expect(deliveries.data[0]).toMatchObject({
      status: 'succeeded',
      status_code: 200,
      attempt: 1,
      trigger: 'scheduled',
      response_excerpt: 'ok',
      next_attempt_at: null,
    });
  });

  it('signs with both secrets while a rotated one is still valid', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const receiver = await startReceiver();
    const { id, secret: oldSecret } = await json(await endpoint(server, keys.test, { url: receiver.url, enabled_events: ['*'] }));
    const rotated = await json(
      await call(server, keys.test, `/v1/webhook_endpoints/${id}/rotate_secret`, { body: { expire_current_in: 3600 } }),
    );
    expect(rotated.secret).not.toBe(oldSecret);
    await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    const [delivery] = await receiver.waitFor(1);
    expect(String(delivery!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, rotated.secret]) {
      expect(() => new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>)).not.toThrow();
    }

    await call(server, keys.test, `/v1/webhook_endpoints/${id}/rotate_secret`, { body: { expire_current_in: 0 } });
    await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    const [, second] = await receiver.waitFor(2);
    expect(String(second!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(rotated.secret).verify(second!.body, second!.headers as Record<string, string>)).toThrow();
  });

  it('sends only to endpoints of the same store and mode whose patterns match', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const a = await createTenant(server, 'A');
    const b = await createTenant(server, 'B');
    const [matching, otherType, otherStore, otherMode] = await Promise.all([
      startReceiver(),
      startReceiver(),
      startReceiver(),
      startReceiver(),
    ]);
    await endpoint(server, a.keys.test, { url: matching.url, enabled_events: ['order.created'] });
    await endpoint(server, a.keys.test, { url: otherType.url, enabled_events: ['payment.*'] });
    await endpoint(server, b.keys.test, { url: otherStore.url, enabled_events: ['*'] });
    await endpoint(server, a.keys.live, { url: otherMode.url, enabled_events: ['*'] });
    await call(server, a.keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    await matching.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([otherType.received.length, otherStore.received.length, otherMode.received.length]).toEqual([0, 0, 0]);
  });

  it('disables an endpoint that answers 410 Gone, without retrying', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const receiver = await startReceiver();
    receiver.behave((_request, response) => response.writeHead(410).end('gone'));
    const { id } = await json(await endpoint(server, keys.test, { url: receiver.url, enabled_events: ['*'] }));
    await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    await receiver.waitFor(1);
    let current;
    for (let i = 0; i < 100 && current?.status !== 'disabled'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      current = await json(await call(server, keys.test, `/v1/webhook_endpoints/${id}`));
    }
    expect(current).toMatchObject({ status: 'disabled', disabled_reason: 'endpoint_gone' });
    const [attempt] = (await json(await call(server, keys.test, `/v1/webhook_endpoints/${id}/deliveries?status=failed`))).data;
    expect(attempt).toMatchObject({ status_code: 410, error_class: 'non_2xx', next_attempt_at: null });
    await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
  });

  it('redelivers an event on request, with the same webhook-id', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const receiver = await startReceiver();
    const { id: endpointId } = await json(await endpoint(server, keys.test, { url: receiver.url, enabled_events: ['*'] }));
    await call(server, keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    const [first] = await receiver.waitFor(1);
    const eventId = first!.headers['webhook-id'];
    const response = await call(server, keys.test, `/v1/events/${eventId}/redeliver`, { body: { endpoint_id: endpointId } });
    expect(response.status).toBe(202);
    expect(await json(response)).toEqual({ object: 'redelivery', event_id: eventId, endpoint_ids: [endpointId] });
    const [, again] = await receiver.waitFor(2);
    expect(again!.headers['webhook-id']).toBe(eventId);
    expect(again!.body).toBe(first!.body);
    const attempts = (await json(await call(server, keys.test, `/v1/webhook_endpoints/${endpointId}/deliveries`))).data;
    expect(attempts.map((a: { trigger: string }) => a.trigger)).toEqual(['manual', 'scheduled']);
  });
});
