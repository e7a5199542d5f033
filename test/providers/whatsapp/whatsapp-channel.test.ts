import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ChannelError, type RenderedWhatsApp, type WhatsAppSend } from '../../../src/modules/messages/channel.js';
import { classifyWhatsAppFailure } from '../../../src/providers/whatsapp/classify.js';
import { parseStatusWebhook } from '../../../src/providers/whatsapp/status-webhook.js';
import { verifyHubSignature } from '../../../src/providers/whatsapp/webhook-auth.js';
import { WhatsAppChannel } from '../../../src/providers/whatsapp/whatsapp-channel.js';
import { ORDER_PAID, PHONE, startReceiver, startSim } from '../../simulators/whatsapp/harness.js';

const ORDER_PAID_CONTENT: RenderedWhatsApp = {
  name: 'order_paid',
  languageCode: 'pt_BR',
  parameters: [
    { type: 'text', name: 'customer_name', text: 'João Ávila Muñoz' },
    { type: 'text', name: 'order_number', text: '#1042' },
    { type: 'currency', name: 'total', fallback: 'R$ 129,90', code: 'BRL', amount1000: 129900 },
    { type: 'date_time', name: 'paid_at', fallback: '11 de março de 2026' },
  ],
  text: 'Olá João Ávila Muñoz, o pedido #1042 (R$ 129,90) foi pago em 11 de março de 2026.',
};

async function setup(options: { timeoutMs?: number } = {}) {
  const receiver = await startReceiver();
  const sim = await startSim({ webhookUrl: receiver.url });
  sim.controls.configure({ delaysMs: { sent: 5, delivered: 10, read: 15 } });
  const channel = new WhatsAppChannel(options);
  const message = (fields: Partial<WhatsAppSend> = {}): WhatsAppSend => ({
    messageId: 'msg_01JQ8812',
    to: '+5511987654321',
    content: ORDER_PAID_CONTENT,
    apiUrl: sim.apiUrl,
    phoneNumberId: PHONE.phone_number_id,
    accessToken: PHONE.access_token,
    ...fields,
  });
  const failure = async (fields: Partial<WhatsAppSend> = {}): Promise<ChannelError> => {
    const error = await channel.send(message(fields)).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ChannelError);
    return error as ChannelError;
  };
  return { sim, receiver, channel, message, failure };
}

describe('WhatsApp channel against the simulator', () => {
  it('sends the template and returns the wamid, message_status and wa_id', async () => {
    const { sim, channel, message } = await setup();
    const outcome = await channel.send(message());
    const [sent] = sim.controls.messages();
    expect(outcome).toEqual({ providerMessageId: sent!.id, response: 'accepted', recipientId: '5511987654321' });
    expect(sent!.request).toMatchObject({ to: '5511987654321', biz_opaque_callback_data: 'msg_01JQ8812', recipient_type: 'individual' });
    expect((sent!.request as any).template.components[0].parameters[0]).toEqual({
      type: 'text',
      parameter_name: 'customer_name',
      text: 'João Ávila Muñoz',
    });
    await channel.close();
  });

  it('returns the wa_id Meta answers under when it differs from the number', async () => {
    const { sim, channel, message } = await setup();
    sim.controls.setRecipient({ number: '+5511987654321', behaviour: 'wa_id' });
    expect((await channel.send(message())).recipientId).toBe('551187654321');
  });

  it('sent → delivered → read webhooks verify over the raw bytes and parse to our message id', async () => {
    const { sim, receiver, channel, message } = await setup();
    // biz_opaque_callback_data is free text: carrying the customer's name puts non-ASCII in the status webhooks.
    const outcome = await channel.send(message({ messageId: 'msg_01JQ8812 João Ávila Muñoz' }));
    await sim.controls.idle();
    expect(receiver.received).toHaveLength(3);
    for (const hook of receiver.received) {
      const header = hook.headers['x-hub-signature-256'] as string;
      expect(hook.raw.toString()).toContain('Jo\\u00e3o \\u00c1vila Mu\\u00f1oz');
      expect(verifyHubSignature(hook.raw, header, PHONE.app_secret)).toBe(true);
      expect(verifyHubSignature(hook.raw.toString('utf8'), header, PHONE.app_secret)).toBe(true);
      // What a JSON body parser would hand over, serialized again: other bytes, no match.
      expect(verifyHubSignature(JSON.stringify(JSON.parse(hook.raw.toString())), header, PHONE.app_secret)).toBe(false);
      expect(verifyHubSignature(hook.raw, header, 'another-app-secret')).toBe(false);
    }
    const updates = receiver.received.flatMap((hook) => parseStatusWebhook(JSON.parse(hook.raw.toString())));
    expect(updates.map((u) => u.status)).toEqual(['sent', 'delivered', 'read']);
    for (const update of updates) {
      expect(update).toMatchObject({
        wamid: outcome.providerMessageId,
        callbackData: 'msg_01JQ8812 João Ávila Muñoz',
        recipientId: '5511987654321',
        phoneNumberId: PHONE.phone_number_id,
        errors: [],
      });
      expect(Math.abs(update.at.getTime() - Date.now())).toBeLessThan(5_000);
    }
  });

  it('an undeliverable recipient: accepted, then a failed webhook whose 131026 is permanent', async () => {
    const { sim, receiver, channel, message } = await setup();
    sim.controls.setRecipient({ number: '+5511987654321', behaviour: 'undeliverable' });
    const outcome = await channel.send(message());
    expect(outcome.response).toBe('accepted');
    await sim.controls.idle();
    const [update] = parseStatusWebhook(receiver.received[0]!.body);
    expect(update).toMatchObject({ wamid: outcome.providerMessageId, status: 'failed', callbackData: 'msg_01JQ8812' });
    expect(update!.errors).toEqual([
      { code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', details: 'Message Undeliverable.' },
    ]);
    expect(classifyWhatsAppFailure({ kind: 'graph', ...update!.errors[0]! })).toMatchObject({
      disposition: 'permanent',
      code: 'whatsapp_131026',
    });
  });
});

describe('WhatsApp channel failures against the simulator', () => {
  it('132001: a template missing in that language fails the message, naming the template', async () => {
    const { failure } = await setup();
    const error = await failure({ content: { ...ORDER_PAID_CONTENT, languageCode: 'es' } });
    expect(error).toMatchObject({ disposition: 'permanent', code: 'whatsapp_132001', outcomeUnknown: false });
    expect(error.message).toContain('"order_paid"');
    expect(error.message).toContain('does not exist in es');
  });

  it('132000: a parameter count mismatch is permanent', async () => {
    const { failure } = await setup();
    const error = await failure({ content: { ...ORDER_PAID_CONTENT, parameters: ORDER_PAID_CONTENT.parameters.slice(0, 2) } });
    expect(error).toMatchObject({ disposition: 'permanent', code: 'whatsapp_132000' });
    expect(error.message).toContain(`expected number of params (${ORDER_PAID.parameters.length})`);
  });

  it('190: a wrong token pauses the channel', async () => {
    const { failure } = await setup();
    const error = await failure({ accessToken: 'EAAG-revoked' });
    expect(error).toMatchObject({ disposition: 'pause', code: 'whatsapp_190' });
    expect(error.message).toContain("update the store's --whatsapp-token");
  });

  it('an unknown phone number id pauses the channel', async () => {
    const { failure } = await setup();
    expect(await failure({ phoneNumberId: '404040' })).toMatchObject({ disposition: 'pause', code: 'whatsapp_100' });
  });

  it('130429: retry after a few seconds', async () => {
    const { sim, failure } = await setup();
    sim.controls.injectFailure({ code: 130429 });
    const error = await failure();
    expect(error).toMatchObject({ disposition: 'retry', code: 'whatsapp_130429', outcomeUnknown: false });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(1_000);
  });

  it('131056: retry this recipient after at least 6 s', async () => {
    const { sim, failure } = await setup();
    sim.controls.injectFailure({ code: 131056, to: '+5511987654321' });
    const error = await failure();
    expect(error).toMatchObject({ disposition: 'retry', code: 'whatsapp_131056' });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(6_000);
  });

  it('a bodiless 500: retry, outcome unknown', async () => {
    const { sim, failure } = await setup();
    sim.controls.injectFailure({ code: 500 });
    expect(await failure()).toMatchObject({ disposition: 'retry', code: 'whatsapp_http_500', outcomeUnknown: true });
  });

  it('a hang past the timeout: retry, outcome unknown', async () => {
    const { sim, failure } = await setup({ timeoutMs: 150 });
    sim.controls.injectFailure({ code: 'hang' });
    const started = Date.now();
    const error = await failure();
    expect(error).toMatchObject({ disposition: 'retry', code: 'whatsapp_timeout', outcomeUnknown: true });
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a connection cut: retry, outcome unknown; nothing listening: retry, nothing sent', async () => {
    const { sim, failure } = await setup();
    sim.controls.injectFailure({ code: 'reset' });
    expect(await failure()).toMatchObject({ disposition: 'retry', code: 'whatsapp_reset', outcomeUnknown: true });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failure({ apiUrl: `http://127.0.0.1:${port}/v26.0` })).toMatchObject({
      disposition: 'retry',
      code: 'whatsapp_unreachable',
      outcomeUnknown: false,
    });
  });

  it('a number that is not E.164 is permanent, and Meta is never called', async () => {
    const { sim, failure } = await setup();
    expect(await failure({ to: '11 98765-4321' })).toMatchObject({ disposition: 'permanent', code: 'whatsapp_invalid_number' });
    expect(sim.controls.messages()).toEqual([]);
  });
});
