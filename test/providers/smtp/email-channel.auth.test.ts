import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailChannel } from '../../../src/providers/smtp/email-channel.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { emailSend, startLoopbackSmtp, type LoopbackSmtp } from '../../helpers/smtp.js';

const PASSWORD = 'p@ss wörd';
let smtp: LoopbackSmtp;
let channel: EmailChannel;

beforeAll(async () => {
  smtp = await startLoopbackSmtp({
    authOptional: false,
    allowInsecureAuth: true,
    onAuth(auth, _session, done) {
      if (auth.username === 'loja' && auth.password === PASSWORD) return done(null, { user: 'loja' });
      done(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
  });
  channel = new EmailChannel({ mailDir: tempDir('baas-mail') });
});
afterAll(async () => {
  await channel.close();
  await smtp.close();
});

const urlWith = (password: string) => `smtp://loja:${encodeURIComponent(password)}@127.0.0.1:${smtp.port}`;

describe('EmailChannel SMTP login', () => {
  it('logs in with URL-decoded credentials', async () => {
    await channel.send(emailSend({ smtpUrl: urlWith(PASSWORD) }));
    expect(smtp.inbox).toHaveLength(1);
  });

  it('pauses on a wrong password, and never repeats it', async () => {
    const wrong = 'hunter2-wrong';
    const error = await channel.send(emailSend({ smtpUrl: urlWith(wrong) })).catch((thrown: Error) => thrown);
    expect(error).toMatchObject({
      disposition: 'pause',
      code: 'smtp_auth_failed',
      message: expect.stringContaining('refused the login (535 5.7.8 Authentication credentials invalid at AUTH PLAIN)'),
    });
    expect(JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause) })).not.toContain(wrong);
  });

  it('pauses when the server wants a login and the URL has none', async () => {
    await expect(channel.send(emailSend({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` }))).rejects.toMatchObject({
      disposition: 'pause',
      code: 'smtp_auth_required',
    });
  });

  it('reports a failed verify as a classified error', async () => {
    const result = await channel.verify(urlWith('nope'));
    expect(result).toMatchObject({ ok: false, error: { disposition: 'pause', code: 'smtp_auth_failed' } });
  });
});
