import type { SMTPPoolOptions } from 'nodemailer';
import type { SmtpTarget } from './smtp-url.js';

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
  dnsMs: number;
}

/**
 * Nodemailer's defaults (120 s / 30 s / 600 s / 30 s) would let a stuck server hold a job's
 * lease for minutes; these fail fast enough for the job to be retried (reference §1).
 */
export const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 60_000, dnsMs: 10_000 };

export interface SmtpSettings {
  timeouts: SmtpTimeouts;
  /**
   * Only for tests: `rejectUnauthorized: false` lets them speak TLS (smtps:// and STARTTLS) to a
   * loopback smtp-server, whose built-in certificate is self-signed and expired. Production never
   * sets it, so certificates are always verified.
   */
  tls: { rejectUnauthorized?: boolean };
}

/**
 * One pooled transport's options (reference §1). `smtps://` is TLS from the first byte; for
 * `smtp://` without a login neither `requireTLS` nor `ignoreTLS` is set, which is nodemailer's
 * "STARTTLS when the server offers it, plain otherwise" (API.md §1), with the certificate checked
 * when it does; with a login to a remote host, STARTTLS is required (SmtpTarget.requireTls).
 */
export function transportOptions(target: SmtpTarget, settings: SmtpSettings): SMTPPoolOptions & { pool: true } {
  return {
    host: target.host,
    port: target.port,
    secure: target.secure,
    ...(target.requireTls ? { requireTLS: true } : {}),
    ...(target.auth === null ? {} : { auth: target.auth }),
    pool: true,
    maxConnections: 3,
    maxMessages: 100,
    rateDelta: 1000,
    rateLimit: 5,
    connectionTimeout: settings.timeouts.connectionMs,
    greetingTimeout: settings.timeouts.greetingMs,
    socketTimeout: settings.timeouts.socketMs,
    dnsTimeout: settings.timeouts.dnsMs,
    tls: { minVersion: 'TLSv1.2', ...settings.tls },
  };
}
