import type { ChannelError, EmailSend, MessageChannel, SendOutcome } from '../../modules/messages/channel.js';
import { classifySmtpError } from './classify-smtp-error.js';
import { writeToMailbox } from './mailbox.js';
import { mailOptions } from './mail-options.js';
import { SmtpTransports, type PooledTransport } from './smtp-transports.js';
import { DEFAULT_TIMEOUTS, type SmtpSettings, type SmtpTimeouts } from './transport-options.js';

export interface EmailChannelOptions {
  /** `<data dir>/mail`: where messages without an SMTP URL land (the sandbox mailbox); created when missing. */
  mailDir: string;
  /** Tests shorten these to see a silent server fail in milliseconds. */
  timeouts?: Partial<SmtpTimeouts>;
  tls?: SmtpSettings['tls'];
}

export type SmtpVerification = { ok: true } | { ok: false; error: ChannelError };

/**
 * Email out: through the message's SMTP server, or into the sandbox mailbox when it has none.
 * Every failure is thrown as a ChannelError whose disposition tells the core what to do next.
 */
export class EmailChannel implements MessageChannel<EmailSend> {
  readonly name = 'email' as const;
  readonly #mailDir: string;
  readonly #transports: SmtpTransports;

  constructor(options: EmailChannelOptions) {
    this.#mailDir = options.mailDir;
    this.#transports = new SmtpTransports({ timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts }, tls: options.tls ?? {} });
  }

  async send(message: EmailSend): Promise<SendOutcome> {
    if (message.smtpUrl === null) return writeToMailbox(this.#mailDir, message);
    const info = await this.#attempt(message.smtpUrl, message, async ({ mailer }) => {
      const sent = await mailer.sendMail(mailOptions(message));
      // One recipient per message, so a refused recipient is the whole message refused (reference §2).
      if (sent.rejected.length > 0) throw sent.rejectedErrors?.[0] ?? new Error(`${sent.response}; refused: ${sent.rejected.join(', ')}`);
      return sent;
    });
    return { providerMessageId: info.messageId, response: info.response };
  }

  /** Connects and logs in without sending (`baas doctor`, saving a store's --smtp-url). */
  async verify(smtpUrl: string): Promise<SmtpVerification> {
    try {
      await this.#attempt(smtpUrl, {}, ({ mailer }) => mailer.verify());
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error as ChannelError };
    }
  }

  async close(): Promise<void> {
    this.#transports.close();
  }

  /** Runs one exchange on the URL's pool; whatever it throws comes out classified. */
  async #attempt<T>(
    smtpUrl: string,
    message: Partial<Pick<EmailSend, 'from' | 'to' | 'headerMessageId'>>,
    exchange: (pool: PooledTransport) => Promise<T>,
  ): Promise<T> {
    const pool = this.#transports.get(smtpUrl);
    const messageId = message.headerMessageId ?? '';
    try {
      return await exchange(pool);
    } catch (error) {
      throw classifySmtpError(error, { server: pool.target, dataSent: pool.bodies.started(messageId), from: message.from, to: message.to });
    } finally {
      pool.bodies.forget(messageId);
    }
  }
}
