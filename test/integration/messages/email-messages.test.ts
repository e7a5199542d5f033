import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { JobSchema } from '../../../src/modules/jobs/job.entity.js';
import { ChannelPauseSchema } from '../../../src/modules/messages/channel-pause.entity.js';
import { PROBE_EVERY_MS } from '../../../src/modules/messages/channel-pauses.js';
import { runDoctor } from '../../../src/modules/ops/doctor.js';
import type { Scope } from '../../../src/modules/tenancy/scope.js';
import { eventTypes, newOrder, openMessaging, reload } from '../../helpers/messaging.js';
import { startLoopbackSmtp, type LoopbackSmtp } from '../../helpers/smtp.js';
import { withKnownTestDatabase } from '../../helpers/test-database.js';

const NBSP = '\u00a0';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(options: { smtp?: LoopbackSmtp; smtpUrl?: string; locale?: string; currency?: string } = {}) {
  const messaging = await openMessaging();
  closers.push(() => messaging.close());
  const { instance } = messaging;
  const smtpUrl = options.smtpUrl ?? options.smtp?.url;
  const { store } = await instance.stores.create({
    name: 'Loja da Bia',
    currency: options.currency ?? 'BRL',
    locale: options.locale ?? 'pt-BR',
    timezone: 'America/Sao_Paulo',
    contactEmail: 'contato@loja.test',
    credentials: smtpUrl ? { 'smtp.url': smtpUrl, 'smtp.from': 'Loja da Bia <vendas@loja.test>' } : undefined,
  });
  const scope: Scope = { storeId: store.id, mode: 'test', requestId: null };
  return { ...messaging, store, scope };
}

async function smtpServer(options: Parameters<typeof startLoopbackSmtp>[0] = {}) {
  const smtp = await startLoopbackSmtp(options);
  closers.push(() => smtp.close());
  return smtp;
}

describe('e-mail messages', () => {
  it('go through the store’s SMTP server in the customer’s language, as multipart HTML + text with money in their format', async () => {
    const smtp = await smtpServer();
    const { instance, scope, advance } = await setup({ smtp });
    const order = await newOrder(instance, scope, { external_id: 'web-1042' });
    const message = await instance.messages.create(scope, { channel: 'email', template: 'order_paid', order_id: order.id, data: {} });
    expect(message).toMatchObject({ status: 'queued', to: 'ana@example.com', locale: 'pt-BR' });
    await advance(0);

    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0]!;
    expect(mail.rcptTo).toEqual(['ana@example.com']);
    expect(mail.parsed.subject).toBe('Pagamento confirmado: pedido #web-1042');
    expect(mail.parsed.from?.text).toContain('vendas@loja.test');
    expect(mail.raw).toMatch(/content-type: multipart\/alternative/i);
    expect(mail.parsed.text).toContain(`R$${NBSP}114,80`);
    expect(mail.parsed.text).toContain('Camiseta');
    expect(mail.parsed.html).toContain('Camiseta');
    expect(mail.parsed.html).toMatch(/style="[^"]+"/); // CSS inlined for mail clients
    expect(mail.parsed.messageId).toBe(`<${message.id}@loja.test>`);

    const sent = await reload(instance, message.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: `<${message.id}@loja.test>`, errorCode: null });
    expect(sent.providerResponse).toMatch(/^250/);
    expect(await eventTypes(instance, 'message.')).toEqual(['message.queued', 'message.sent']);
  });

  it('format pesos chilenos without decimals for a Chilean customer', async () => {
    const smtp = await smtpServer();
    const { instance, scope, advance } = await setup({ smtp, locale: 'es-CL', currency: 'CLP' });
    const order = await newOrder(instance, scope, {
      currency: 'CLP',
      items: [{ sku: 'POLERA', name: 'Polera', quantity: 1, unit_amount: 12990 }],
      shipping_amount: 0,
      customer: { email: 'ana@example.cl', name: 'Ana', locale: 'es-CL' },
    });
    await instance.messages.create(scope, { channel: 'email', template: 'order_paid', order_id: order.id, data: {} });
    await advance(0);
    expect(smtp.inbox[0]!.parsed.text).toContain('$12.990');
    expect(smtp.inbox[0]!.parsed.text).not.toContain('12.990,00');
  });

  it('retry a 451 with backoff: one mail in the end, with the same Message-ID as the refused attempt', async () => {
    const smtp = await smtpServer();
    smtp.refuse.data.push(451);
    const { instance, scope, advance } = await setup({ smtp });
    const order = await newOrder(instance, scope);
    const message = await instance.messages.create(scope, { channel: 'email', template: 'order_paid', order_id: order.id, data: {} });
    await advance(0);
    expect(smtp.inbox).toHaveLength(0);
    expect(await reload(instance, message.id)).toMatchObject({ status: 'queued', attempts: 1, errorCode: 'smtp_451' });

    await advance(10_000);
    expect(smtp.delivered, 'not before the backoff').toHaveLength(1);
    await advance(60_000);
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.delivered.map((mail) => mail.parsed.messageId)).toEqual([`<${message.id}@loja.test>`, `<${message.id}@loja.test>`]);
    expect(await reload(instance, message.id)).toMatchObject({ status: 'sent', attempts: 2, errorCode: null });
  });

  it('fail for good on a 550, without retrying', async () => {
    const smtp = await smtpServer();
    smtp.refuse.rcpt.push(550);
    const { instance, scope, advance } = await setup({ smtp });
    const order = await newOrder(instance, scope);
    const message = await instance.messages.create(scope, { channel: 'email', template: 'order_paid', order_id: order.id, data: {} });
    await advance(0);
    await advance(24 * 3_600_000);
    const failed = await reload(instance, message.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'smtp_550' });
    expect(failed.failedAt).toBeInstanceOf(Date);
    expect(await eventTypes(instance, 'message.')).toEqual(['message.queued', 'message.failed']);
    const [job] = await instance.orm.em.fork().find(JobSchema, { type: 'message.send' });
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('pause the store’s e-mail on a refused login, spending no attempts, visible in doctor, until the credentials are fixed', async () => {
    const smtp = await smtpServer({
      authOptional: false,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      onAuth(auth, _session, done) {
        if (auth.username === 'bia' && auth.password === 'right-password') return done(null, { user: 'bia' });
        done(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      },
    });
    const { instance, scope, store, advance } = await setup({ smtpUrl: `smtp://bia:wrong-password@127.0.0.1:${smtp.port}` });
    const order = await newOrder(instance, scope);
    const first = await instance.messages.create(scope, { channel: 'email', template: 'order_paid', order_id: order.id, data: {} });
    await advance(0);
    const second = await instance.messages.create(scope, {
      channel: 'email',
      template: 'order_confirmation',
      order_id: order.id,
      data: {},
    });
    await advance(0);
    const opened = smtp.connections.opened;

    expect(await reload(instance, first.id)).toMatchObject({ status: 'queued', attempts: 0, errorCode: 'smtp_auth_failed' });
    expect((await reload(instance, first.id)).errorMessage).not.toContain('wrong-password');
    expect(await reload(instance, second.id)).toMatchObject({ status: 'queued', attempts: 0 });
    const jobs = await instance.orm.em.fork().find(JobSchema, { type: 'message.send' });
    expect(jobs.map((job) => [job.status, job.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
    ]);
    const pauses = await instance.orm.em.fork().find(ChannelPauseSchema, {});
    expect(pauses).toMatchObject([{ channel: 'email', livemode: false, code: 'smtp_auth_failed' }]);

    const doctor = await runDoctor(withKnownTestDatabase({ BAAS_DATA_DIR: instance.config.dataDir }));
    const check = doctor.find((c) => c.name === 'message channels')!;
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(`email of store ${store.id} (test) paused`);

    // Every PROBE_EVERY_MS exactly one message tries again; the other keeps waiting.
    await advance(PROBE_EVERY_MS);
    expect(smtp.connections.opened - opened).toBe(1);
    expect(await reload(instance, second.id)).toMatchObject({ status: 'queued', attempts: 0 });

    await instance.stores.update(store.id, { credentials: { 'smtp.url': `smtp://bia:right-password@127.0.0.1:${smtp.port}` } });
    expect(await instance.channelPauses.resumeStore(store.id)).toBe(1);
    await advance(0);
    expect(smtp.inbox).toHaveLength(2);
    expect(await reload(instance, first.id)).toMatchObject({ status: 'sent', attempts: 1, errorCode: null });
    expect(
      (await runDoctor(withKnownTestDatabase({ BAAS_DATA_DIR: instance.config.dataDir }))).find((c) => c.name === 'message channels')!.ok,
    ).toBe(true);
  });

  it('land in the sandbox mailbox as .eml files when the store has no SMTP', async () => {
    const { instance, scope, advance } = await setup();
    const order = await newOrder(instance, scope);
    const message = await instance.messages.create(scope, { channel: 'email', template: 'order_paid', order_id: order.id, data: {} });
    await advance(0);
    const file = join(instance.config.dataDir, 'mail', `${message.id}.eml`);
    expect(existsSync(file)).toBe(true);
    const mail = await simpleParser(readFileSync(file));
    expect(mail.subject).toContain(order.id);
    expect(mail.text).toContain(`R$${NBSP}114,80`);
    expect(mail.messageId).toBe((await reload(instance, message.id)).providerMessageId);
    expect(await reload(instance, message.id)).toMatchObject({ status: 'sent' });
  });

  it('are refused before anything is written when a variable is missing, or the mode has no way to send', async () => {
    const { instance, scope } = await setup();
    await expect(
      instance.messages.create(scope, { channel: 'email', to: 'ana@example.com', template: 'order_paid', data: {} }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'template_variable_missing',
      message: expect.stringContaining('order.number'),
    });
    await expect(
      instance.messages.create(
        { ...scope, mode: 'live' },
        { channel: 'email', to: 'ana@example.com', template: 'order_confirmation', data: {} },
      ),
    ).rejects.toMatchObject({ status: 409, code: 'provider_not_configured' });
    expect(await instance.orm.em.fork().count(JobSchema, { type: 'message.send' })).toBe(0);
  });
});
