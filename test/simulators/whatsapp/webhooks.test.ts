import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { orderPaidBody, PHONE, startReceiver, startSim, type ReceivedHook } from './harness.js';

const hmac = (algorithm: string, raw: Buffer | string, secret = PHONE.app_secret) =>
  createHmac(algorithm, secret).update(raw).digest('hex');

async function setup(config: Record<string, unknown> = {}) {
  const receiver = await startReceiver();
  const sim = await startSim({ webhookUrl: receiver.url });
  sim.controls.configure({ delaysMs: { sent: 5, delivered: 10, read: 15 }, webhookRetryDelayMs: 10, ...config });
  const send = async (fields: Record<string, unknown> = {}) => (await sim.send(orderPaidBody(fields))).body.messages[0].id as string;
  return { sim, receiver, send };
}

describe('WhatsApp simulator: status webhooks', () => {
  it("sends sent → delivered → read in Meta's exact shape, signed over the raw bytes", async () => {
    const { sim, receiver, send } = await setup();
    const wamid = await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['sent', 'delivered', 'read']);
    const [sent, delivered, read] = receiver.received as [ReceivedHook, ReceivedHook, ReceivedHook];
    const value = (status: string, extra: Record<string, unknown>) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: PHONE.waba_id,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: PHONE.display_phone_number, phone_number_id: PHONE.phone_number_id },
                statuses: [
                  {
                    id: wamid,
                    status,
                    timestamp: expect.stringMatching(/^\d{10}$/),
                    recipient_id: '5511987654321',
                    biz_opaque_callback_data: 'msg_test_1',
                    ...extra,
                  },
                ],
              },
              field: 'messages',
            },
          ],
        },
      ],
    });
    const pricing = { pricing: { billable: true, pricing_model: 'PMP', category: 'utility' } };
    expect(sent.body).toEqual(value('sent', pricing));
    expect(delivered.body).toEqual(value('delivered', pricing));
    expect(read.body).toEqual(value('read', {}));
    for (const hook of receiver.received) {
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.headers['x-hub-signature-256']).toBe(`sha256=${hmac('sha256', hook.raw)}`);
      expect(hook.headers['x-hub-signature']).toBe(`sha1=${hmac('sha1', hook.raw)}`);
    }
    expect(sim.controls.messages()[0]!.statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    const log = (await sim.control('GET', '/webhooks?settled=true')).body;
    expect(log.map((r: { status: string; state: string }) => [r.status, r.state])).toEqual([
      ['sent', 'delivered'],
      ['delivered', 'delivered'],
      ['read', 'delivered'],
    ]);
    expect(log[0].body).toBe(sent.raw.toString());
    expect(log[0].attempts).toEqual([{ at: expect.any(String), status_code: 200, error: null, duration_ms: expect.any(Number) }]);
  });

  it('escapes non-ASCII as \\uXXXX, so only the raw bytes verify', async () => {
    const { sim, receiver, send } = await setup();
    await send({ biz_opaque_callback_data: 'msg_João Ávila Muñoz' });
    await sim.controls.idle();
    const hook = receiver.received[0]!;
    const raw = hook.raw.toString('latin1');
    expect(raw).toContain('"biz_opaque_callback_data":"msg_Jo\\u00e3o \\u00c1vila Mu\\u00f1oz"');
    expect(hook.raw.every((byte) => byte < 0x80)).toBe(true);
    expect(hook.body.entry[0].changes[0].value.statuses[0].biz_opaque_callback_data).toBe('msg_João Ávila Muñoz');
    expect(hook.headers['x-hub-signature-256']).toBe(`sha256=${hmac('sha256', hook.raw)}`);
    expect(hook.headers['x-hub-signature-256']).not.toBe(`sha256=${hmac('sha256', JSON.stringify(hook.body))}`);
  });

  it('skip_delivered: read arrives without delivered', async () => {
    const { sim, receiver, send } = await setup({ skipDelivered: true });
    await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['sent', 'read']);
  });

  it('an undeliverable recipient is accepted, then a failed webhook with 131026 and no sent', async () => {
    const { sim, receiver, send } = await setup();
    await sim.control('POST', '/recipients', { number: '+5511987654321', behaviour: 'undeliverable' });
    await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['failed']);
    const status = receiver.received[0]!.body.entry[0].changes[0].value.statuses[0];
    expect(status.pricing).toBeUndefined();
    expect(status.errors).toEqual([
      {
        code: 131026,
        title: 'Message undeliverable',
        message: 'Message undeliverable',
        error_data: { details: 'Message Undeliverable.' },
        href: expect.stringContaining('developers.facebook.com'),
      },
    ]);
  });

  it('auto_progress off: nothing by itself; statuses by control, failed with errors', async () => {
    const { sim, receiver, send } = await setup();
    await sim.control('POST', '/config', { auto_progress: false });
    const wamid = await send();
    await sim.controls.idle();
    expect(receiver.received).toEqual([]);
    expect((await sim.control('POST', `/messages/${encodeURIComponent(wamid)}/status`, { status: 'delivered' })).body).toMatchObject({
      status: 'delivered',
    });
    const failed = await sim.control('POST', `/messages/${encodeURIComponent(wamid)}/status`, {
      status: 'failed',
      errors: [{ code: 131049, details: 'healthy ecosystem' }],
    });
    expect(failed.body.errors[0]).toMatchObject({ code: 131049, error_data: { details: 'healthy ecosystem' } });
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['delivered', 'failed']);
    expect(sim.controls.sendStatus(wamid, 'failed').errors![0]!.code).toBe(131026);
    expect((await sim.control('POST', '/messages/wamid.nope/status', { status: 'read' })).status).toBe(404);
    expect((await sim.control('POST', `/messages/${encodeURIComponent(wamid)}/status`, { status: 'seen' })).status).toBe(400);
  });

  it('without a webhook_url, statuses are recorded and nothing is sent', async () => {
    const sim = await startSim();
    sim.controls.configure({ delaysMs: { sent: 0, delivered: 0, read: 0 } });
    await sim.send(orderPaidBody());
    await sim.controls.idle();
    expect(sim.controls.messages()[0]!.statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(sim.controls.webhooks()).toEqual([]);
  });
});

describe('WhatsApp simulator: webhook delivery and chaos', () => {
  it('retries after the receiver answers 500 once, logging every attempt', async () => {
    const { sim, receiver, send } = await setup();
    let calls = 0;
    receiver.answerWith((_hook, response) => response.writeHead(++calls === 1 ? 500 : 200).end());
    await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['sent', 'sent', 'delivered', 'read']);
    expect(receiver.received[1]!.raw.equals(receiver.received[0]!.raw)).toBe(true);
    const [sent] = sim.controls.webhooks();
    expect(sent).toMatchObject({ status: 'sent', state: 'delivered' });
    expect(sent!.attempts.map((a) => a.status_code)).toEqual([500, 200]);
  });

  it('gives up after webhook_attempts; a receiver that is down is logged with the error', async () => {
    const { sim, receiver, send } = await setup({ webhookAttempts: 3 });
    receiver.answerWith((_hook, response) => response.writeHead(503).end());
    await send();
    await sim.controls.idle();
    expect(sim.controls.webhooks().map((r) => [r.state, r.attempts.length])).toEqual([
      ['failed', 3],
      ['failed', 3],
      ['failed', 3],
    ]);
    receiver.answerWith((_hook, response) => response.destroy());
    sim.controls.configure({ webhookAttempts: 1 });
    await send();
    await sim.controls.idle();
    expect(sim.controls.webhooks()[3]!.attempts[0]).toMatchObject({ status_code: null, error: expect.any(String) });
  });

  it('duplicate: the same bytes and signature twice', async () => {
    const { sim, receiver, send } = await setup();
    await sim.control('POST', '/statuses/chaos', { mode: 'duplicate' });
    await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['sent', 'sent', 'delivered', 'read']);
    const [first, again] = receiver.received as [ReceivedHook, ReceivedHook];
    expect(again.raw.equals(first.raw)).toBe(true);
    expect(again.headers['x-hub-signature-256']).toBe(first.headers['x-hub-signature-256']);
    expect(sim.controls.webhooks().map((r) => r.chaos)).toEqual(['duplicate', 'duplicate', null, null]);
  });

  it('reorder: a held status arrives after the next one, and the last held one still arrives', async () => {
    const { sim, receiver, send } = await setup();
    await sim.control('POST', '/statuses/chaos', { mode: 'reorder' });
    await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['delivered', 'sent', 'read']);
    receiver.received.length = 0;
    await sim.control('POST', '/config', { skip_delivered: true });
    await sim.control('POST', '/statuses/chaos', { mode: 'reorder', count: 2 });
    await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['sent', 'read']); // nothing came after both held: sent as they were
  });

  it('drop: the next status is logged as dropped and never sent', async () => {
    const { sim, receiver, send } = await setup();
    await sim.control('POST', '/statuses/chaos', { mode: 'drop', count: 2 });
    await send();
    await sim.controls.idle();
    expect(receiver.statuses()).toEqual(['read']);
    expect(sim.controls.webhooks().map((r) => r.state)).toEqual(['dropped', 'dropped', 'delivered']);
  });

  it('stop() aborts a webhook in flight and idle() resolves', async () => {
    const { sim, receiver, send } = await setup();
    receiver.answerWith(() => undefined); // never answers
    await send();
    while (receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const idle = sim.controls.idle();
    sim.simulator.stop();
    const logged = sim.controls.webhooks().length;
    await idle;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // No status is emitted after the stop, and the aborted post is not logged as a receiver failure.
    expect(sim.controls.webhooks()).toHaveLength(logged);
    expect(sim.controls.webhooks().flatMap((record) => record.attempts)).toEqual([]);
    expect(receiver.received).toHaveLength(1);
  });

  it('config and chaos controls refuse bad input; reset forgets everything but the initial templates', async () => {
    const { sim, send } = await setup();
    expect((await sim.control('POST', '/config', { delays_ms: { sent: -1 } })).status).toBe(400);
    expect((await sim.control('POST', '/config', { surprise: true })).status).toBe(400);
    expect((await sim.control('POST', '/statuses/chaos', { mode: 'shuffle' })).status).toBe(400);
    expect((await sim.control('GET', '/config')).body).toMatchObject({
      auto_progress: true,
      delays_ms: { sent: 5, delivered: 10, read: 15 },
    });
    await send();
    await sim.control('POST', '/templates', { templates: [] });
    expect((await sim.control('POST', '/reset')).status).toBe(204);
    expect(sim.controls.messages()).toEqual([]);
    expect((await sim.control('GET', '/templates')).body.map((t: { name: string }) => t.name)).toEqual(['order_paid']);
    expect((await sim.control('GET', '/config')).body.delays_ms).toEqual({ sent: 20, delivered: 40, read: 60 });
    expect((await sim.send(orderPaidBody())).body.error.code).toBe(100); // the phone number is gone too
  });
});
