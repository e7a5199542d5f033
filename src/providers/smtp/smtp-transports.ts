import type nodemailerType from 'nodemailer';
import type { SMTPPoolOptions, SMTPPoolSentMessageInfo, Transporter } from 'nodemailer';
import { lazyRequire } from '../../shared/lazy-require.js';
import { BodyTracker } from './body-tracker.js';
import { parseSmtpUrl, type SmtpTarget } from './smtp-url.js';
import { transportOptions, type SmtpSettings } from './transport-options.js';

const nodemailer = lazyRequire<typeof nodemailerType>('nodemailer');

export interface PooledTransport {
  target: SmtpTarget;
  mailer: Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;
  bodies: BodyTracker;
}

/**
 * One pooled transport per distinct SMTP URL (the instance's and each store's own), created on
 * first use and kept, so consecutive messages reuse open, logged-in connections instead of paying
 * for TCP, TLS and AUTH every time. A store that changes its URL simply gets a new entry.
 */
export class SmtpTransports {
  readonly #pools = new Map<string, PooledTransport>();

  constructor(private readonly settings: SmtpSettings) {}

  get(smtpUrl: string): PooledTransport {
    let pooled = this.#pools.get(smtpUrl);
    if (pooled === undefined) {
      const target = parseSmtpUrl(smtpUrl);
      const mailer = nodemailer().createTransport(transportOptions(target, this.settings));
      pooled = { target, mailer, bodies: new BodyTracker(mailer) };
      this.#pools.set(smtpUrl, pooled);
    }
    return pooled;
  }

  /** Idle connections close at once; one in the middle of a delivery finishes it first. */
  close(): void {
    for (const { mailer } of this.#pools.values()) mailer.close();
    this.#pools.clear();
  }
}
