import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, signManifest } from '../../../src/simulators/mercadopago/index.js';
import { startHookReceiver, startSim, type Hook } from './harness.js';

// The verifier from the reference (§7), copied verbatim apart from types: what our adapter will run.
function verify(q: URLSearchParams, sig = '', rid: string | undefined, secret: string) {
  const kv = Object.fromEntries(sig.split(',').map((p) => p.split('=').map((s) => s.trim())));
  if (!kv.ts || !kv.v1) return false;
  const ok = (id: string | null) => {
    const m = (id ? `id:${id};` : '') + (rid ? `request-id:${rid};` : '') + `ts:${kv.ts};`;
    const a = Buffer.from(createHmac('sha256', secret).update(m).digest('hex')),
      b = Buffer.from(kv.v1);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const id = q.get('data.id');
  return ok(id) || (!!id && ok(id.toLowerCase()));
}

const SECRET = 'sim-webhook-secret';
const query = (hook: Hook) => new URL(hook.url, 'http://x').searchParams;
const verified = (hook: Hook, secret = SECRET) =>
  verify(query(hook), hook.headers['x-signature'] as string | undefined, hook.headers['x-request-id'] as string | undefined, secret);

async function setup(config: Record<string, unknown> = { webhook_secret: SECRET }) {
  const sim = await startSim();
  const hooks = await startHookReceiver();
  await sim.control('POST', '/config', { notification_retry_delay_ms: 50, ...config });
  return { sim, hooks, pay: (fields: Record<string, unknown> = {}) => sim.pay({ notification_url: hooks.url, ...fields }) };
}

describe('Mercado Pago simulator: notification signatures', () => {
  it("matches the reference's test vector", () => {
    const parts = { dataId: '123456789', requestId: 'bb56a2f1-6aae-46ac-982e-9dcd3581d08e', ts: '1742505638683' };
    expect(signManifest('my-webhook-secret', parts)).toBe('7b19ff120e0f0f0d830c3c4995653d84e4bca6de0f4303be5224f49efea75af7');
    const header = signatureHeader('my-webhook-secret', parts);
    expect(verify(new URLSearchParams('data.id=123456789&type=payment'), header, parts.requestId, 'my-webhook-secret')).toBe(true);
  });

  it('sends payment.created in the Webhooks format, signed so the reference verifier accepts it', async () => {
    const { sim, hooks, pay } = await setup();
    const payment = (await pay({ transaction_amount: 100 })).body;
    const [hook] = await hooks.waitFor(1);
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(hook!.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(hook!.headers['x-signature']).toMatch(/^ts=\d{13},v1=[0-9a-f]{64}$/);
    expect(Object.fromEntries(query(hook!))).toEqual({ source_news: 'webhooks', 'data.id': String(payment.id), type: 'payment' });
    expect(hook!.body).toEqual({
      id: expect.any(Number),
      live_mode: false,
      type: 'payment',
      date_created: expect.any(String),
      user_id: payment.collector_id,
      api_version: 'v1',
      action: 'payment.created',
      data: { id: String(payment.id) },
    });
    expect(verified(hook!)).toBe(true);
    expect(verified(hook!, 'another-secret')).toBe(false);

    // Refunds and forced changes notify payment.updated, signed as well.
    await sim.call('POST', `/v1/payments/${payment.id}/refunds`, { key: true, body: { amount: 10 } });
    await sim.control('POST', `/payments/${payment.id}/status`, { status: 'charged_back' });
    const all = await hooks.waitFor(3);
    expect(all.slice(1).map((h) => h.body.action)).toEqual(['payment.updated', 'payment.updated']);
    expect(all.every((h) => verified(h))).toBe(true);
    expect((await sim.call('GET', `/v1/payments/${payment.id}`)).body.status).toBe('charged_back');
    const log = (await sim.control('GET', '/notifications?settled=true')).body;
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({
      url: expect.stringContaining('data.id='),
      delivered: true,
      status: 'delivered',
      body: { action: 'payment.created' },
    });
    expect(log[0].headers['x-signature']).toBe(all[0]!.headers['x-signature']);
  });

  it('can sign with a 10-digit (seconds) ts', async () => {
    const { hooks, pay } = await setup({ webhook_secret: SECRET, signature_ts: 's' });
    await pay();
    const [hook] = await hooks.waitFor(1);
    expect(hook!.headers['x-signature']).toMatch(/^ts=\d{10},/);
    expect(verified(hook!)).toBe(true);
  });

  it('without a secret still sends, unsigned; without a notification_url sends nothing', async () => {
    const { sim, hooks, pay } = await setup({});
    await pay();
    const [hook] = await hooks.waitFor(1);
    expect(hook!.headers['x-signature']).toBeUndefined();
    expect(hook!.headers['x-request-id']).toBeDefined();
    await sim.pay();
    expect((await sim.control('GET', '/notifications?settled=true')).body).toHaveLength(1);
  });
});

describe('Mercado Pago simulator: delivery and chaos', () => {
  it('retries a failed delivery', async () => {
    const { sim, hooks, pay } = await setup();
    let calls = 0;
    hooks.behave((_hook, response) => response.writeHead(++calls === 1 ? 500 : 200).end());
    await pay();
    await hooks.waitFor(2);
    const [record] = (await sim.control('GET', '/notifications?settled=true')).body;
    expect(record).toMatchObject({ delivered: true, status: 'delivered' });
    expect(record.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 200]);
  });

  it('gives up after the retries and logs the failure', async () => {
    const { sim, hooks, pay } = await setup();
    hooks.behave((_hook, response) => response.writeHead(503).end());
    await pay();
    const [record] = (await sim.control('GET', '/notifications?settled=true')).body;
    expect(record).toMatchObject({ delivered: false, status: 'failed' });
    expect(record.attempts).toHaveLength(3);
    expect(hooks.received).toHaveLength(3);
  });

  it('duplicate: the same notification twice, each validly signed', async () => {
    const { sim, hooks, pay } = await setup();
    await sim.control('POST', '/notifications/chaos', { mode: 'duplicate' });
    await pay();
    const [a, b] = await hooks.waitFor(2);
    expect(b!.body).toEqual(a!.body);
    expect(b!.headers['x-request-id']).not.toBe(a!.headers['x-request-id']);
    expect(verified(a!) && verified(b!)).toBe(true);
    await pay();
    await hooks.waitFor(3);
    await sim.control('GET', '/notifications?settled=true');
    expect(hooks.received).toHaveLength(3); // only the next one was duplicated
  });

  it('drop: the next notification is logged as dropped and never sent', async () => {
    const { sim, hooks, pay } = await setup();
    await sim.control('POST', '/notifications/chaos', { mode: 'drop' });
    const dropped = (await pay()).body;
    const sent = (await pay()).body;
    const [hook] = await hooks.waitFor(1);
    const log = (await sim.control('GET', '/notifications?settled=true')).body;
    expect(hook!.body.data.id).toBe(String(sent.id));
    expect(hooks.received).toHaveLength(1);
    expect(log.map((r: { status: string; body: { data: { id: string } } }) => [r.body.data.id, r.status])).toEqual([
      [String(dropped.id), 'dropped'],
      [String(sent.id), 'delivered'],
    ]);
  });

  it('reorder: a held notification arrives after the next one', async () => {
    const { sim, hooks, pay } = await setup();
    await sim.control('POST', '/notifications/chaos', { mode: 'reorder' });
    const first = (await pay()).body;
    await sim.control('POST', `/payments/${first.id}/status`, { status: 'charged_back' });
    const [a, b] = await hooks.waitFor(2);
    expect([a!.body.action, b!.body.action]).toEqual(['payment.updated', 'payment.created']);
    expect(verified(a!) && verified(b!)).toBe(true);
  });

  it('reorder with nothing after it waits for a flush', async () => {
    const { sim, hooks, pay } = await setup();
    await sim.control('POST', '/notifications/chaos', { mode: 'reorder' });
    await pay();
    expect((await sim.control('GET', '/notifications?settled=true')).body[0].status).toBe('held');
    expect(hooks.received).toHaveLength(0);
    expect((await sim.control('POST', '/notifications/flush')).status).toBe(204);
    await hooks.waitFor(1);
  });

  it('delay: the next notification comes late, after a later one', async () => {
    const { sim, hooks, pay } = await setup();
    await sim.control('POST', '/notifications/chaos', { mode: 'delay', delay_ms: 300 });
    const started = Date.now();
    const slow = (await pay()).body;
    const fast = (await pay()).body;
    const [a, b] = await hooks.waitFor(2);
    expect([a!.body.data.id, b!.body.data.id]).toEqual([String(fast.id), String(slow.id)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('reset forgets payments, config and the log', async () => {
    const { sim, pay } = await setup();
    const payment = (await pay()).body;
    await sim.control('GET', '/notifications?settled=true');
    expect((await sim.control('POST', '/reset')).status).toBe(204);
    expect((await sim.call('GET', `/v1/payments/${payment.id}`)).status).toBe(404);
    expect((await sim.control('GET', '/notifications')).body).toEqual([]);
    expect((await sim.control('GET', '/config')).body).toMatchObject({ webhook_secret: null, site_currency: 'BRL', base_url: sim.url });
  });
});
