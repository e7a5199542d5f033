import { afterEach, describe, expect, it } from 'vitest';
import { EmailChannel } from '../../../src/providers/smtp/email-channel.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { closedPortUrl, emailSend, startScriptedSmtp, startSilentServer } from '../../helpers/smtp.js';

const SHORT = { connectionMs: 300, greetingMs: 300, socketMs: 300, dnsMs: 300 };
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function channel(): EmailChannel {
  const made = new EmailChannel({ mailDir: tempDir('baas-mail'), timeouts: SHORT });
  cleanup.push(() => made.close());
  return made;
}

async function serve<T extends { close(): Promise<void> }>(started: Promise<T>): Promise<T> {
  const server = await started;
  cleanup.push(() => server.close());
  return server;
}

/** Expects the send to fail the way `expected` describes. */
const sendFails = (smtpUrl: string, expected: Record<string, unknown>) =>
  expect(channel().send(emailSend({ smtpUrl }))).rejects.toMatchObject(expected);

describe('EmailChannel when the network fails', () => {
  it('retries when nothing listens on the port, knowing nothing was sent', async () => {
    await sendFails(await closedPortUrl(), {
      disposition: 'retry',
      code: 'smtp_connection_failed',
      outcomeUnknown: false,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('retries when the server accepts the connection and never greets', async () => {
    const silent = await serve(startSilentServer());
    const started = Date.now();
    await sendFails(silent.url, { disposition: 'retry', code: 'smtp_timeout', outcomeUnknown: false });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('knows nothing was delivered when the connection drops before the message went out', async () => {
    const dropping = await serve(startScriptedSmtp('rcpt', (socket) => socket.destroy()));
    await sendFails(dropping.url, { disposition: 'retry', code: 'smtp_connection_failed', outcomeUnknown: false });
  });

  it('flags the outcome as unknown when the connection drops after the message went out', async () => {
    const dropping = await serve(startScriptedSmtp('message', (socket) => socket.destroy()));
    await sendFails(dropping.url, { disposition: 'retry', code: 'smtp_connection_failed', outcomeUnknown: true });
  });

  it('flags the outcome as unknown when the server goes quiet after the message went out', async () => {
    const quiet = await serve(startScriptedSmtp('message', () => {}));
    await sendFails(quiet.url, {
      disposition: 'retry',
      code: 'smtp_timeout',
      outcomeUnknown: true,
      message: expect.stringContaining('may have been delivered'),
    });
  });
});
