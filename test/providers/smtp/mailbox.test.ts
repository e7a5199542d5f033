import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { EmailChannel } from '../../../src/providers/smtp/email-channel.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { emailSend } from '../../helpers/smtp.js';

describe('EmailChannel sandbox mailbox (no SMTP URL)', () => {
  it('writes the whole message as <messageId>.eml, creating the directory', async () => {
    const mailDir = join(tempDir('baas-data'), 'mail');
    const message = emailSend();

    const outcome = await new EmailChannel({ mailDir }).send(message);

    const path = join(mailDir, `${message.messageId}.eml`);
    expect(outcome).toEqual({ providerMessageId: message.headerMessageId, response: `written to ${path}` });
    const parsed = await simpleParser(readFileSync(path));
    expect(parsed.messageId).toBe(message.headerMessageId);
    expect(parsed.subject).toBe(message.content.subject);
    expect(parsed.from?.text).toBe('"Loja da Bia" <no-reply@loja.test>');
    expect(parsed.to).toMatchObject({ text: 'ana@cliente.test' });
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.text?.trim()).toBe(message.content.text);
    expect(parsed.html).toContain(message.content.html);
  });

  it('overwrites the same file when the message is sent again', async () => {
    const mailDir = tempDir('baas-mail');
    const channel = new EmailChannel({ mailDir });
    const message = emailSend();

    await channel.send(message);
    await channel.send({ ...message, content: { ...message.content, subject: 'second attempt' } });

    expect(readdirSync(mailDir)).toEqual([`${message.messageId}.eml`]);
    expect((await simpleParser(readFileSync(join(mailDir, `${message.messageId}.eml`)))).subject).toBe('second attempt');
  });

  it('refuses a message id that would name a path outside the mailbox', async () => {
    const channel = new EmailChannel({ mailDir: tempDir('baas-mail') });
    await expect(channel.send(emailSend({ messageId: '../escape' }))).rejects.toMatchObject({
      disposition: 'permanent',
      code: 'mailbox_invalid_message_id',
    });
  });

  it('pauses when the mailbox path is not a usable directory', async () => {
    const mailDir = join(tempDir('baas-data'), 'mail');
    writeFileSync(mailDir, 'a file where the mailbox should be');
    await expect(new EmailChannel({ mailDir }).send(emailSend())).rejects.toMatchObject({
      disposition: 'pause',
      code: 'mailbox_not_writable',
      message: expect.stringContaining(mailDir),
    });
  });
});
