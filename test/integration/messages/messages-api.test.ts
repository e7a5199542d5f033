import { describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { settled } from '../../helpers/mercadopago.js';
import { json, startTestServer } from '../../helpers/server.js';

async function setup() {
  const server = await startTestServer();
  const tenant = await createTenant(server);
  const order = await json(await call(server, tenant.keys.test, '/v1/orders', { body: { ...SAMPLE_ORDER, notify: { email: false } } }));
  return { server, tenant, order };
}

describe('POST /v1/messages', () => {
  it('accepts a template for an order with 202, addressed to the order’s customer unless told otherwise', async () => {
    const { server, tenant, order } = await setup();
    const response = await call(server, tenant.keys.test, '/v1/messages', {
      body: {
        channel: 'email',
        template: 'order_confirmation',
        order_id: order.id,
        locale: 'es',
        data: { customer: { name: 'Ana María' } },
      },
    });
    expect(response.status).toBe(202);
    const message = await json(response);
    expect(message).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      object: 'message',
      channel: 'email',
      to: 'ana@example.com',
      template: 'order_confirmation',
      locale: 'es',
      status: 'queued',
      order_id: order.id,
      attempts: 0,
      error: null,
      livemode: false,
    });
    expect(message.subject).toMatch(/pedido/i);
    expect(message.text).toContain('Ana María');
    await settled(server);
    expect(await json(await call(server, tenant.keys.test, `/v1/messages/${message.id}`))).toMatchObject({ status: 'sent', attempts: 1 });

    const other = await call(server, tenant.keys.test, '/v1/messages', {
      body: { channel: 'email', to: 'bia@example.com', template: 'order_cancelled', order_id: order.id },
    });
    expect((await json(other)).to).toBe('bia@example.com');
    const list = await json(await call(server, tenant.keys.test, `/v1/messages?order_id=${order.id}&channel=email`));
    expect(list.data.map((m: { template: string }) => m.template)).toEqual(['order_cancelled', 'order_confirmation']);
    const sent = await json(await call(server, tenant.keys.test, `/v1/messages?order_id=${order.id}&status=sent`));
    expect(sent.data.map((m: { template: string }) => m.template)).toEqual(['order_confirmation']);
  });

  it('answers bad input with the error that names it, and writes nothing', async () => {
    const { server, tenant, order } = await setup();
    const post = (body: unknown) => call(server, tenant.keys.test, '/v1/messages', { body });
    const cases: [unknown, number, string, string | undefined][] = [
      [{ channel: 'fax', to: 'x', template: 'order_paid' }, 400, 'parameter_invalid', 'channel'],
      [{ channel: 'email', to: 'not-an-address', template: 'order_paid' }, 400, 'parameter_invalid', 'to'],
      [{ channel: 'email', template: 'order_paid' }, 400, 'parameter_missing', 'to'],
      [{ channel: 'email', to: 'ana@example.com', template: 'no_such_template', order_id: order.id }, 404, 'template_not_found', undefined],
      [{ channel: 'email', template: 'order_paid', order_id: 'ord_nope' }, 404, 'resource_missing', undefined],
      [{ channel: 'email', to: 'ana@example.com', template: 'order_paid' }, 400, 'template_variable_missing', 'data'],
      [{ channel: 'email', to: 'ana@example.com', template: 'order_paid', surprise: 1 }, 400, 'unknown_parameter', 'surprise'],
    ];
    for (const [body, status, code, param] of cases) {
      const response = await post(body);
      const error = (await json(response)).error;
      expect([response.status, error.code, error.param], JSON.stringify(body)).toEqual([status, code, param]);
    }
    expect((await json(await call(server, tenant.keys.test, '/v1/messages'))).data).toEqual([]);
  });

  it('keeps each store’s and mode’s messages to themselves', async () => {
    const { server, tenant, order } = await setup();
    const message = await json(
      await call(server, tenant.keys.test, '/v1/messages', {
        body: { channel: 'email', template: 'order_confirmation', order_id: order.id },
      }),
    );
    const stranger = await createTenant(server, 'Outra Loja');
    expect((await call(server, stranger.keys.test, `/v1/messages/${message.id}`)).status).toBe(404);
    expect((await call(server, tenant.keys.live, `/v1/messages/${message.id}`)).status).toBe(404);
    expect((await json(await call(server, stranger.keys.test, '/v1/messages'))).data).toEqual([]);
    // Live mode never falls back to the sandbox mailbox.
    const live = await call(server, tenant.keys.live, '/v1/messages', {
      body: { channel: 'email', to: 'ana@example.com', template: 'order_cancelled', data: {} },
    });
    expect(live.status).toBe(409);
    expect((await json(live)).error.code).toBe('provider_not_configured');
  });

  it('replays an idempotent retry instead of sending twice', async () => {
    const { server, tenant, order } = await setup();
    const body = { channel: 'email', template: 'order_confirmation', order_id: order.id };
    const headers = { 'idempotency-key': 'msg-retry-1' };
    const first = await call(server, tenant.keys.test, '/v1/messages', { body, headers });
    const again = await call(server, tenant.keys.test, '/v1/messages', { body, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).id).toBe((await json(first)).id);
    expect((await json(await call(server, tenant.keys.test, '/v1/messages'))).data).toHaveLength(1);
  });
});
