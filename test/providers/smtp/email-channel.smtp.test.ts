import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailChannel } from '../../../src/providers/smtp/email-channel.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { emailSend, startLoopbackSmtp, until, type LoopbackSmtp } from '../../helpers/smtp.js';

let smtp: LoopbackSmtp;
let channel: EmailChannel;

beforeEach(async () => {
  smtp = await startLoopbackSmtp();
  channel = new EmailChannel({ mailDir: tempDir('baas-mail') });
});
afterEach(async () => {
  await channel.close();
  await smtp.close();
});

describe('EmailChannel over SMTP', () => {
  it('delivers a multipart/alternative message with our headers and Message-ID', async () => {
    const message = emailSend({ smtpUrl: smtp.url });
    const outcome = await channel.send(message);

    expect(outcome).toEqual({ providerMessageId: message.headerMessageId, response: expect.stringMatching(/^250 /) });
    expect(smtp.inbox).toHaveLength(1);
    const [{ parsed, raw, rcptTo }] = smtp.inbox as [LoopbackSmtp['inbox'][number]];
    expect(rcptTo).toEqual(['ana@cliente.test']);
    expect(parsed.messageId).toBe(message.headerMessageId);
    expect(parsed.subject).toBe('Olá, Ana — pedido nº 1042 confirmado');
    expect(parsed.from?.value).toEqual([{ name: 'Loja da Bia', address: 'no-reply@loja.test' }]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'ana@cliente.test' }] });
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(parsed.text?.trim()).toBe(message.content.text);
    expect(parsed.html).toContain(message.content.html);
  });

  it('retries a 451 on RCPT, and the retry arrives once', async () => {
    smtp.refuse.rcpt.push(451);
    const message = emailSend({ smtpUrl: smtp.url });

    await expect(channel.send(message)).rejects.toMatchObject({
      disposition: 'retry',
      code: 'smtp_451',
      outcomeUnknown: false,
      message: expect.stringContaining(`SMTP server 127.0.0.1:${smtp.port} deferred the message (451 Try again later at RCPT TO)`),
    });
    expect(smtp.delivered).toHaveLength(0);

    await channel.send(message);
    expect(smtp.inbox.map((mail) => mail.parsed.messageId)).toEqual([message.headerMessageId]);
  });

  it('sends the same Message-ID on every attempt', async () => {
    smtp.refuse.data.push(451);
    const message = emailSend({ smtpUrl: smtp.url });

    await expect(channel.send(message)).rejects.toMatchObject({ disposition: 'retry', code: 'smtp_451' });
    await channel.send(message);
    expect(smtp.delivered.map((mail) => mail.parsed.messageId)).toEqual([message.headerMessageId, message.headerMessageId]);
    expect(smtp.inbox).toHaveLength(1);
  });

  it('fails a 550 for good', async () => {
    smtp.refuse.rcpt.push(550);
    await expect(channel.send(emailSend({ smtpUrl: smtp.url }))).rejects.toMatchObject({
      disposition: 'permanent',
      code: 'smtp_550',
      outcomeUnknown: false,
      message: expect.stringContaining('refused the recipient ana@cliente.test (550 No such user here at RCPT TO)'),
    });
  });

  it('fails a 554 after DATA for good', async () => {
    smtp.refuse.data.push(554);
    await expect(channel.send(emailSend({ smtpUrl: smtp.url }))).rejects.toMatchObject({ disposition: 'permanent', code: 'smtp_554' });
  });

  it('reuses one pooled connection per URL, and close() releases it', async () => {
    await channel.send(emailSend({ smtpUrl: smtp.url }));
    await channel.send(emailSend({ smtpUrl: smtp.url }));
    expect(smtp.inbox).toHaveLength(2);
    expect(smtp.connections).toEqual({ opened: 1, open: 1 });

    await channel.close();
    await until(() => smtp.connections.open === 0);
  });

  it('verifies a reachable server', async () => {
    expect(await channel.verify(smtp.url)).toEqual({ ok: true });
  });

  it('refuses a URL it cannot parse, without echoing it', async () => {
    await expect(channel.send(emailSend({ smtpUrl: 'http://user:s3cr3t@smtp.example.com' }))).rejects.toMatchObject({
      disposition: 'pause',
      code: 'smtp_invalid_url',
      message: expect.not.stringContaining('s3cr3t'),
    });
  });
});
