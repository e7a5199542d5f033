import { afterEach, describe, expect, it } from 'vitest';
import { EmailChannel } from '../../../src/providers/smtp/email-channel.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { emailSend, startLoopbackSmtp, type LoopbackSmtp } from '../../helpers/smtp.js';

// smtp-server's built-in certificate is self-signed (and expired): the test-only option trusts it.
const TRUST_TEST_CERTIFICATE = { rejectUnauthorized: false };
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(server: Parameters<typeof startLoopbackSmtp>[0], tls?: { rejectUnauthorized: boolean }) {
  const smtp: LoopbackSmtp = await startLoopbackSmtp(server);
  const channel = new EmailChannel({ mailDir: tempDir('baas-mail'), tls });
  cleanup.push(
    () => smtp.close(),
    () => channel.close(),
  );
  return { smtp, channel };
}

describe('EmailChannel over TLS', () => {
  it('speaks TLS from the first byte to smtps://', async () => {
    const { smtp, channel } = await setup({ secure: true }, TRUST_TEST_CERTIFICATE);
    await channel.send(emailSend({ smtpUrl: smtp.url }));
    expect(smtp.inbox.map((mail) => mail.secure)).toEqual([true]);
  });

  it('upgrades smtp:// with STARTTLS when the server offers it', async () => {
    const { smtp, channel } = await setup({ disabledCommands: [] }, TRUST_TEST_CERTIFICATE);
    await channel.send(emailSend({ smtpUrl: smtp.url }));
    expect(smtp.inbox.map((mail) => mail.secure)).toEqual([true]);
  });

  it('pauses on a certificate it cannot verify, by default', async () => {
    const { smtp, channel } = await setup({ secure: true });
    await expect(channel.send(emailSend({ smtpUrl: smtp.url }))).rejects.toMatchObject({
      disposition: 'pause',
      code: 'smtp_tls_certificate',
    });
  });

  it('pauses when smtps:// meets a plain SMTP port', async () => {
    const { smtp, channel } = await setup({});
    const smtpsUrl = smtp.url.replace('smtp:', 'smtps:');
    await expect(channel.send(emailSend({ smtpUrl: smtpsUrl }))).rejects.toMatchObject({ disposition: 'pause', code: 'smtp_tls_failed' });
  });
});
