import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dbDate } from '../../../src/db/orm.js';
import { startWhatsAppSimulator } from '../../../src/simulators/whatsapp/index.js';
import { call, createTenant, eventTypes, SAMPLE_ORDER, type Tenant } from '../../helpers/api.js';
import { waitFor } from '../../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

const PHONE = { phone_number_id: '106540352242922', access_token: 'EAAG-store-system-user-token', app_secret: 'store-app-secret-123' };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The server, with a store whose WhatsApp credentials point at a simulator standing in for Meta. */
async function setup() {
  const sim = await startWhatsAppSimulator(0);
  closers.push(sim.close);
  const server = await startTestServer({ env: { BAAS_WHATSAPP_API_URL: `${sim.url}/v26.0` } });
  sim.simulator.controls.setTemplates(server.instance.templates.whatsAppApprovals());
  const tenant = await createTenant(server);
  await server.instance.stores.update(tenant.storeId, {
    credentials: {
      'whatsapp.phone_number_id': PHONE.phone_number_id,
      'whatsapp.access_token': PHONE.access_token,
      'whatsapp.app_secret': PHONE.app_secret,
      'whatsapp.verify_token': 'verify-me-please',
    },
  });
  sim.simulator.controls.registerPhoneNumber({
    ...PHONE,
    webhook_url: `${server.url}/hooks/whatsapp/${tenant.storeId}`,
    display_phone_number: '15550783881',
  });
  return { server, tenant, sim: sim.simulator.controls };
}

async function sendOrderPaid(server: TestServer, tenant: Tenant) {
  const order = await json(await call(server, tenant.keys.test, '/v1/orders', { body: { ...SAMPLE_ORDER, external_id: 'web-1042' } }));
  const response = await call(server, tenant.keys.test, '/v1/messages', {
    body: { channel: 'whatsapp', template: 'order_paid', order_id: order.id },
  });
  expect(response.status).toBe(202);
  return json(response);
}

const message = async (server: TestServer, tenant: Tenant, id: string) => json(await call(server, tenant.keys.test, `/v1/messages/${id}`));

async function messageEvents(server: TestServer, tenant: Tenant): Promise<string[]> {
  const page = await json(await call(server, tenant.keys.test, '/v1/events?limit=100'));
  return page.data
    .map((event: { type: string }) => event.type)
    .filter((type: string) => type.startsWith('message.'))
    .reverse();
}

/** Retries wait for their backoff; here the test says when it has passed. */
async function runDueNow(server: TestServer) {
  const em = server.instance.orm.em.fork();
  await em.execute(`update jobs set run_at = ? where status = 'queued'`, [dbDate(em, new Date())]);
  server.runner.wake();
}

describe('WhatsApp messages', () => {
  it('go out as the approved template and follow Meta’s signed status webhooks: sent → delivered → read', async () => {
    const { server, tenant, sim } = await setup();
    const queued = await sendOrderPaid(server, tenant);
    expect(queued).toMatchObject({
      object: 'message',
      channel: 'whatsapp',
      to: '+5511987654321',
      status: 'queued',
      template: 'order_paid',
    });
    expect(queued.text).toContain('#web-1042');

    const read = await waitFor(async () => {
      const current = await message(server, tenant, queued.id);
      return current.status === 'read' && current;
    });
    const [sent] = sim.messages();
    expect(sent).toMatchObject({
      to: '5511987654321',
      template: { name: 'order_paid', language: 'pt_BR' },
      biz_opaque_callback_data: queued.id,
    });
    expect(read.provider_message_id).toBe(sent!.id);
    expect(read.sent_at && read.delivered_at && read.read_at).toBeTruthy();
    expect(await messageEvents(server, tenant)).toEqual(['message.queued', 'message.sent', 'message.delivered', 'message.read']);
  });

  it('never move backwards when statuses arrive repeated and out of order', async () => {
    const { server, tenant, sim } = await setup();
    sim.configure({ autoProgress: false });
    const queued = await sendOrderPaid(server, tenant);
    const wamid = (await waitFor(async () => sim.messages()[0]))!.id;
    await waitFor(async () => (await message(server, tenant, queued.id)).status === 'sent');
    sim.sendStatus(wamid, 'read');
    await waitFor(async () => (await message(server, tenant, queued.id)).status === 'read');
    sim.sendStatus(wamid, 'delivered');
    sim.sendStatus(wamid, 'sent');
    sim.sendStatus(wamid, 'read');
    await sim.idle();
    await waitFor(async () => {
      const [row] = await server.instance.orm.em
        .fork()
        .getConnection()
        .execute<{ n: number }[]>("select count(*) as n from jobs where type = 'whatsapp.statuses' and status <> 'succeeded'");
      return Number(row!.n) === 0;
    });
    expect(await message(server, tenant, queued.id)).toMatchObject({ status: 'read', delivered_at: null });
    // read without delivered: Meta skips it when both happen at once.
    expect(await messageEvents(server, tenant)).toEqual(['message.queued', 'message.sent', 'message.read']);
  });

  it('fail for good when the number is not on WhatsApp (131026, reported later by webhook)', async () => {
    const { server, tenant, sim } = await setup();
    sim.setRecipient({ number: '+5511987654321', behaviour: 'undeliverable' });
    const queued = await sendOrderPaid(server, tenant);
    const failed = await waitFor(async () => {
      const current = await message(server, tenant, queued.id);
      return current.status === 'failed' && current;
    });
    expect(failed.error.code).toBe('whatsapp_131026');
    expect(failed.attempts).toBe(1);
    expect(sim.messages()).toHaveLength(1);
  });

  it('retry a throughput limit (130429) and then send once', async () => {
    const { server, tenant, sim } = await setup();
    sim.injectFailure({ code: 130429, count: 1 });
    const queued = await sendOrderPaid(server, tenant);
    await waitFor(async () => (await message(server, tenant, queued.id)).error?.code === 'whatsapp_130429');
    expect(await message(server, tenant, queued.id)).toMatchObject({ status: 'queued', attempts: 1 });
    await runDueNow(server);
    const sent = await waitFor(async () => {
      const current = await message(server, tenant, queued.id);
      return current.status !== 'queued' && current;
    });
    expect(sent).toMatchObject({ attempts: 2, error: null });
    expect(sim.messages()).toHaveLength(1);
  });

  it('refuse unsigned or forged webhooks with 401, storing nothing; answer Meta’s handshake', async () => {
    const { server, tenant } = await setup();
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const hook = `/hooks/whatsapp/${tenant.storeId}`;
    const post = (headers: Record<string, string>) =>
      server.request(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const forged = `sha256=${createHmac('sha256', 'not-the-app-secret').update(body).digest('hex')}`;
    expect((await post({})).status).toBe(401);
    const refused = await post({ 'x-hub-signature-256': forged });
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.code).toBe('signature_invalid');
    const [row] = await server.instance.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>("select count(*) as n from provider_notifications where provider = 'whatsapp'");
    expect(Number(row!.n)).toBe(0);
    const signed = `sha256=${createHmac('sha256', PHONE.app_secret).update(body).digest('hex')}`;
    expect((await post({ 'x-hub-signature-256': signed })).status).toBe(200);

    const challenge = await server.request(`${hook}?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444`);
    expect(challenge.status).toBe(200);
    expect(await challenge.text()).toBe('1158201444');
    expect((await server.request(`${hook}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
    expect((await server.request(`/hooks/whatsapp/sto_nope?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).toBe(404);
  });

  it('check the signature over the bytes Meta sent, whose non-ASCII is escaped, not over re-serialized JSON', async () => {
    const { server, tenant } = await setup();
    // An incoming customer message (stored, not acted on), as Meta escapes it: "João Ávila".
    const raw =
      '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":' +
      '{"messaging_product":"whatsapp","contacts":[{"profile":{"name":"Jo\\u00e3o \\u00c1vila"},"wa_id":"5511987654321"}],' +
      '"messages":[{"from":"5511987654321","id":"wamid.in1","timestamp":"1764590000","type":"text","text":{"body":"Ol\\u00e1!"}}]}}]}]}';
    const sign = (body: string) => `sha256=${createHmac('sha256', PHONE.app_secret).update(body).digest('hex')}`;
    const post = (signature: string) =>
      server.request(`/hooks/whatsapp/${tenant.storeId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: raw,
      });
    const reserialized = JSON.stringify(JSON.parse(raw));
    expect(reserialized).toContain('João');
    expect((await post(sign(reserialized))).status).toBe(401);
    const accepted = await post(sign(raw));
    expect(accepted.status).toBe(200);
    const [stored] = await server.instance.orm.em
      .fork()
      .getConnection()
      .execute<{ body: string; status: string }[]>("select body, status from provider_notifications where provider = 'whatsapp'");
    expect(stored).toEqual({ body: raw, status: 'ignored' });
  });

  it('refuse a number that is not a valid phone number at the API', async () => {
    const { server, tenant } = await setup();
    const response = await call(server, tenant.keys.test, '/v1/messages', {
      body: { channel: 'whatsapp', to: '+55 11 8765-4321', template: 'order_confirmation' },
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ param: 'to' });
  });
});
