import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER, type Tenant } from '../../helpers/api.js';
import { payByCard, postPaymentNotification, settled, waitFor } from '../../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../../helpers/server.js';

const NBSP = '\u00a0';

async function setup() {
  const server = await startTestServer();
  const tenant = await createTenant(server);
  return { server, tenant };
}

async function newOrder(server: TestServer, tenant: Tenant, notify = { email: true, whatsapp: true }) {
  return json(await call(server, tenant.keys.test, '/v1/orders', { body: { ...SAMPLE_ORDER, notify } }));
}

async function messagesOf(server: TestServer, tenant: Tenant, orderId: string) {
  return (await json(await call(server, tenant.keys.test, `/v1/messages?order_id=${orderId}`))).data as {
    id: string;
    channel: string;
    template: string;
    status: string;
  }[];
}

/** The sandbox end to end: Mercado Pago's and Meta's simulators in the server, the mailbox in the data dir. */
describe('automatic messages', () => {
  it('tell the customer an order is paid, by e-mail (an .eml in the sandbox) and WhatsApp (the simulator, up to read)', async () => {
    const { server, tenant } = await setup();
    const order = await newOrder(server, tenant);
    expect((await payByCard(server, tenant.keys.test, order.id, 'APRO')).status).toBe(201);
    await settled(server);

    const messages = await waitFor(async () => {
      const found = await messagesOf(server, tenant, order.id);
      return found.length === 2 && found.every((m) => m.status === (m.channel === 'email' ? 'sent' : 'read')) && found;
    });
    expect(messages.map((m) => [m.channel, m.template]).sort()).toEqual([
      ['email', 'order_paid'],
      ['whatsapp', 'order_paid'],
    ]);
    const email = messages.find((m) => m.channel === 'email')!;
    const file = join(server.dataDir, 'mail', `${email.id}.eml`);
    expect(existsSync(file)).toBe(true);
    const mail = await simpleParser(readFileSync(file));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ana@example.com');
    expect(mail.subject).toContain(order.id);
    expect(mail.text).toContain(`R$${NBSP}114,80`);
  });

  it('go once per order, template and channel however often the payment is notified', async () => {
    const { server, tenant } = await setup();
    const order = await newOrder(server, tenant);
    const payment = await json(await payByCard(server, tenant.keys.test, order.id, 'APRO'));
    await settled(server);
    await Promise.all(Array.from({ length: 5 }, () => postPaymentNotification(server, tenant.storeId, payment.provider_payment_id)));
    await settled(server);
    // A repeated order.paid (the same event replayed to webhooks) asks for nothing new either.
    const [event] = (await json(await call(server, tenant.keys.test, `/v1/events?type=order.paid&order_id=${order.id}`))).data;
    expect((await call(server, tenant.keys.test, `/v1/events/${event.id}/redeliver`, { body: {} })).status).toBeLessThan(300);
    await settled(server);
    const messages = await messagesOf(server, tenant, order.id);
    expect(messages.map((m) => `${m.channel}:${m.template}`).sort()).toEqual(['email:order_paid', 'whatsapp:order_paid']);
  });

  it('send only on the channels the order’s notify asks for', async () => {
    const { server, tenant } = await setup();
    const order = await newOrder(server, tenant, { email: true, whatsapp: false });
    await payByCard(server, tenant.keys.test, order.id, 'APRO');
    await settled(server);
    const messages = await waitFor(async () => {
      const found = await messagesOf(server, tenant, order.id);
      return found.length > 0 && found;
    });
    await settled(server);
    expect((await messagesOf(server, tenant, order.id)).map((m) => m.channel)).toEqual(['email']);
    expect(messages).toHaveLength(1);
  });

  it('send the Pix instructions while the transfer is awaited, and the rejection of a declined card', async () => {
    const { server, tenant } = await setup();
    const pixOrder = await newOrder(server, tenant, { email: true, whatsapp: false });
    const pix = await call(server, tenant.keys.test, '/v1/payments', {
      body: { order_id: pixOrder.id, method: 'pix', payer: { email: 'ana@example.com' } },
    });
    const qrCode = (await json(pix)).pix.qr_code;
    await settled(server);
    const [pending] = await waitFor(async () => {
      const found = await messagesOf(server, tenant, pixOrder.id);
      return found.length > 0 && found[0]!.status === 'sent' && found;
    });
    expect(pending!.template).toBe('payment_pending');
    const mail = await simpleParser(readFileSync(join(server.dataDir, 'mail', `${pending!.id}.eml`)));
    expect(mail.text).toContain(qrCode);

    const cardOrder = await newOrder(server, tenant, { email: true, whatsapp: false });
    await payByCard(server, tenant.keys.test, cardOrder.id, 'OTHE');
    await settled(server);
    const rejected = await waitFor(async () => {
      const found = await messagesOf(server, tenant, cardOrder.id);
      return found.length > 0 && found;
    });
    expect(rejected.map((m) => m.template)).toEqual(['payment_rejected']);
  });
});
