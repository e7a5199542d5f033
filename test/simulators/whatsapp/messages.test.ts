import { describe, expect, it } from 'vitest';
import { orderPaidBody, PHONE, startSim } from './harness.js';

describe('WhatsApp simulator: POST /{version}/{phone-number-id}/messages', () => {
  it('accepts a template message like Meta: contacts with input and wa_id, a wamid, message_status accepted', async () => {
    const sim = await startSim();
    const reply = await sim.send(orderPaidBody({ to: '+5511987654321' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+5511987654321', wa_id: '5511987654321' }],
      messages: [{ id: expect.stringMatching(/^wamid\.HBg[A-Za-z0-9+/=]+$/), message_status: 'accepted' }],
    });
    const [message] = sim.controls.messages();
    expect(message).toMatchObject({
      id: reply.body.messages[0].id,
      phone_number_id: PHONE.phone_number_id,
      wa_id: '5511987654321',
      type: 'template',
      template: { name: 'order_paid', language: 'pt_BR' },
      biz_opaque_callback_data: 'msg_test_1',
    });
    expect(message!.request).toEqual(orderPaidBody({ to: '+5511987654321' }));
  });

  it('accepts a text message (the 24 h window is not simulated), without message_status', async () => {
    const sim = await startSim();
    const reply = await sim.send({
      messaging_product: 'whatsapp',
      to: '5491155551234',
      type: 'text',
      text: { body: 'Olá', preview_url: false },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.messages).toEqual([{ id: expect.stringMatching(/^wamid\./) }]);
    expect(sim.controls.messages()[0]).toMatchObject({ type: 'text', text: 'Olá', template: null });
  });

  it('refuses what Meta refuses, with Graph error bodies', async () => {
    const sim = await startSim();
    const cases: [Record<string, unknown>, number, number, RegExp][] = [
      [orderPaidBody({ messaging_product: undefined }), 400, 100, /messaging_product is required/],
      [orderPaidBody({ messaging_product: 'sms' }), 400, 100, /must be one of \{WHATSAPP\}/],
      [orderPaidBody({ to: undefined }), 400, 100, /parameter to is required/],
      [orderPaidBody({ to: 'not a number' }), 400, 100, /Invalid parameter/],
      [orderPaidBody({ type: 'image' }), 400, 100, /not simulated/],
      [orderPaidBody({ template: { name: 'order_shipped', language: { code: 'pt_BR' } } }), 404, 132001, /does not exist/],
      [orderPaidBody({ template: { name: 'order_paid', language: { code: 'es' } } }), 404, 132001, /does not exist/],
      [orderPaidBody({ template: { name: 'order_paid', language: { code: 'pt_BR' } } }), 400, 132000, /Number of parameters/],
    ];
    for (const [body, status, code, message] of cases) {
      const reply = await sim.send(body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.error).toMatchObject({ code, type: 'OAuthException', fbtrace_id: expect.stringMatching(/^A/) });
      expect(reply.body.error.message).toMatch(message);
    }
    expect(sim.controls.messages()).toEqual([]);
  });

  it('132001 names the template and language in error_data.details', async () => {
    const sim = await startSim();
    const reply = await sim.send(orderPaidBody({ template: { name: 'order_paid', language: { code: 'en_US' } } }));
    expect(reply.body.error).toMatchObject({
      message: '(#132001) Template name does not exist in the translation',
      code: 132001,
      error_data: { messaging_product: 'whatsapp', details: 'template name (order_paid) does not exist in en_US' },
    });
  });

  it('132000 for a parameter under another name; 131009 for a malformed one', async () => {
    const sim = await startSim();
    const body = orderPaidBody();
    const parameters = (body.template as any).components[0].parameters;
    parameters[0] = { type: 'text', parameter_name: 'name', text: 'João' };
    expect((await sim.send(body)).body.error).toMatchObject({
      code: 132000,
      error_data: { details: expect.stringContaining('customer_name') },
    });
    parameters[0] = {
      type: 'currency',
      parameter_name: 'customer_name',
      currency: { fallback_value: 'R$ 1', code: 'real', amount_1000: 1 },
    };
    expect((await sim.send(body)).body.error).toMatchObject({ code: 131009, error_data: { details: expect.stringContaining('ISO 4217') } });
  });

  it('positional templates go by count, without names', async () => {
    const sim = await startSim({ templates: [{ name: 'hello', language: 'en', parameters: ['1'] }] });
    const body = {
      messaging_product: 'whatsapp',
      to: '16505555555',
      type: 'template',
      template: { name: 'hello', language: { code: 'en' } },
    };
    const withParameter = {
      ...body,
      template: { ...body.template, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] },
    };
    expect((await sim.send(body)).body.error.code).toBe(132000);
    expect((await sim.send(withParameter)).status).toBe(200);
  });

  it('190 with HTTP 401 for a token other than the number’s, or none', async () => {
    const sim = await startSim();
    for (const token of ['EAAG-someone-else', '']) {
      const reply = await sim.send(orderPaidBody(), { token });
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
      expect(reply.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    }
  });

  it('an unknown phone number id is Graph error 100 "Object with ID … does not exist"; a bad version an unknown path', async () => {
    const sim = await startSim();
    const unknown = await sim.send(orderPaidBody(), { path: '/v26.0/999/messages' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect(unknown.body.error.message).toContain("Object with ID '999' does not exist");
    const unversioned = await sim.send(orderPaidBody(), { path: `/${PHONE.phone_number_id}/messages` });
    expect(unversioned.body.error.code).toBe(2500);
    expect((await sim.send(orderPaidBody(), { path: '/v26.0/nothing' })).body.error.code).toBe(2500);
  });

  it('resolvePhoneNumber answers for numbers nobody registered', async () => {
    const asked: string[] = [];
    const sim = await startSim({
      resolvePhoneNumber: (id) => {
        asked.push(id);
        return id === 'sandbox-sto_1'
          ? { phone_number_id: id, access_token: 'token-sto_1', app_secret: 's', webhook_url: null, display_phone_number: '15550000001' }
          : null;
      },
    });
    const path = '/v26.0/sandbox-sto_1/messages';
    expect((await sim.send(orderPaidBody(), { path, token: 'token-sto_1' })).status).toBe(200);
    expect((await sim.send(orderPaidBody(), { path, token: PHONE.access_token })).status).toBe(401);
    expect((await sim.send(orderPaidBody(), { path: '/v26.0/sandbox-sto_2/messages' })).body.error.code).toBe(100);
    expect((await sim.send(orderPaidBody())).status).toBe(200); // registered numbers don't ask
    expect(asked).toEqual(['sandbox-sto_1', 'sandbox-sto_1', 'sandbox-sto_2']);
  });

  it('a recipient configured with another wa_id answers under it; without one, the legacy variant', async () => {
    const sim = await startSim();
    await sim.control('POST', '/recipients', { number: '+55 11 98765-4321', behaviour: 'wa_id' });
    await sim.control('POST', '/recipients', { number: '5215512345678', behaviour: 'wa_id', wa_id: '5215512345678' });
    expect((await sim.send(orderPaidBody())).body.contacts).toEqual([{ input: '5511987654321', wa_id: '551187654321' }]);
    expect((await sim.send(orderPaidBody({ to: '5215512345678' }))).body.contacts[0].wa_id).toBe('5215512345678');
    expect((await sim.control('POST', '/recipients', { number: '16505555555', behaviour: 'wa_id' })).status).toBe(400);
  });

  it('invalid JSON is Graph error 100', async () => {
    const sim = await startSim();
    const response = await fetch(`${sim.url}/v26.0/${PHONE.phone_number_id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PHONE.access_token}` },
      body: '{"messaging_product":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(100);
  });
});
