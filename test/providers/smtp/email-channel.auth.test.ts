import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

/** One of this machine's own addresses that is not loopback: a server there is reached as a remote one. */
const remoteAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && !address.internal && address.family === 'IPv4')?.address;

describe.skipIf(remoteAddress === undefined)('EmailChannel SMTP login across the network', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function remoteServer(options: Parameters<typeof startLoopbackSmtp>[0]) {
    const logins: string[] = [];
    const server = await startLoopbackSmtp(
      {
        authOptional: false,
        allowInsecureAuth: true,
        onAuth(auth, session, done) {
          logins.push(session.secure ? 'encrypted' : 'in the clear');
          done(null, { user: auth.username });
        },
        ...options,
      },
      remoteAddress,
    );
    const remoteChannel = new EmailChannel({ mailDir: tempDir('baas-mail'), tls: { rejectUnauthorized: false } });
    cleanup.push(
      () => server.close(),
      () => remoteChannel.close(),
    );
    return { server, remoteChannel, logins, url: `smtp://loja:${encodeURIComponent(PASSWORD)}@${remoteAddress}:${server.port}` };
  }

  it('never sends the password in the clear: a server without STARTTLS pauses the email', async () => {
    const { server, remoteChannel, logins, url } = await remoteServer({});
    const error = await remoteChannel.send(emailSend({ smtpUrl: url })).catch((thrown: Error) => thrown);
    expect(error).toMatchObject({
      disposition: 'pause',
      code: 'smtp_tls_required',
      message: expect.stringContaining('does not offer STARTTLS'),
    });
    expect(logins).toEqual([]);
    expect(server.inbox).toHaveLength(0);
  });

  it('logs in after STARTTLS when the server offers it', async () => {
    const { server, remoteChannel, logins, url } = await remoteServer({ disabledCommands: [] });
    await remoteChannel.send(emailSend({ smtpUrl: url }));
    expect(logins).toEqual(['encrypted']);
    expect(server.inbox.map((mail) => mail.secure)).toEqual([true]);
  });
});
