import { ChannelError, type FailureDisposition } from '../../modules/messages/channel.js';
import type { SmtpTarget } from './smtp-url.js';

/** What the classifier knows besides the error: it words the message and decides `outcomeUnknown`. */
export interface SmtpFailureContext {
  server: Pick<SmtpTarget, 'address' | 'port' | 'secure' | 'requireTls'>;
  /** The server had accepted DATA and the body was going out: a lost connection may still have delivered it. */
  dataSent: boolean;
  from?: string;
  to?: string;
}

/** The fields nodemailer puts on its errors (`NodemailerError`), read defensively from anything thrown. */
interface SmtpErrorFields {
  code?: string;
  /** The system code behind a nodemailer code, e.g. ECONNREFUSED or CERT_HAS_EXPIRED behind ESOCKET. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  timeoutType?: string;
  message?: string;
}

type Verdict = [FailureDisposition, string, string];

/**
 * A connection that failed or broke without a reply: the next attempt may find it well. Nodemailer's
 * codes first, then Node's own, which an error from outside nodemailer's wrapping can carry.
 */
const NETWORK_CODES = new Set([
  ...['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY', 'EMAXLIMIT'],
  ...['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'],
]);
const DNS_CODES = new Set(['EDNS', 'ENOTFOUND', 'EAI_AGAIN']);
/** OpenSSL's verification failures (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID…). */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/;

/**
 * Turns whatever a send or verify threw into the core's vocabulary (reference §2):
 * configuration problems pause the store's email, 4xx and broken connections retry, 5xx fail
 * the message, anything unrecognised retries (the core caps attempts). Order matters: a 4xx is
 * transient even on AUTH (454), a 535 is a 5xx but means the credentials are wrong, and a
 * certificate error arrives as ESOCKET.
 */
export function classifySmtpError(error: unknown, context: SmtpFailureContext): ChannelError {
  if (error instanceof ChannelError) return error;
  const fields = readFields(error);
  const [disposition, code, message] =
    transientReplyVerdict(fields, context) ??
    configVerdict(fields, context) ??
    permanentReplyVerdict(fields, context) ??
    networkVerdict(fields, context) ??
    fallbackVerdict(fields, context, error);
  return new ChannelError(disposition, code, message, {
    cause: error,
    outcomeUnknown: disposition === 'retry' && context.dataSent && fields.responseCode === undefined,
  });
}

function transientReplyVerdict(e: SmtpErrorFields, { server }: SmtpFailureContext): Verdict | null {
  const status = e.responseCode;
  if (status === undefined) return null;
  // 503 is "bad sequence of commands": the session was in the wrong state, a new one may succeed.
  if ((status >= 400 && status < 500) || status === 503 || enhancedClass(e.response) === '4') {
    return ['retry', `smtp_${status}`, `SMTP server ${server.address} deferred the message ${replyOf(e)}`];
  }
  return null;
}

function configVerdict(e: SmtpErrorFields, { server }: SmtpFailureContext): Verdict | null {
  const at = `SMTP server ${server.address}`;
  const reply = e.response === undefined ? `: ${e.message}` : ` ${replyOf(e)}`;
  const system = e.originalCode ?? '';
  if ((e.code === 'ESOCKET' || e.code === 'ETLS') && CERTIFICATE_CODE.test(system)) {
    return [
      'pause',
      'smtp_tls_certificate',
      `${at} presented a TLS certificate we do not trust (${system}: ${e.message}): fix its certificate or use the host name its certificate names in --smtp-url`,
    ];
  }
  // Sent only because the login must not go out in the clear: the server does not offer STARTTLS.
  if (e.code === 'ETLS' && e.command === 'STARTTLS' && e.responseCode !== undefined && server.requireTls) {
    return [
      'pause',
      'smtp_tls_required',
      `${at} does not offer STARTTLS${reply}, and the login in --smtp-url is never sent unencrypted: use smtps:// or a port that offers STARTTLS`,
    ];
  }
  if (e.code === 'ETLS' || system.startsWith('ERR_SSL_')) {
    return [
      'pause',
      'smtp_tls_failed',
      `TLS with ${at} failed${system === '' ? reply : ` (${system})`}: use smtps:// for implicit-TLS ports such as 465 and smtp:// for STARTTLS ports such as 587`,
    ];
  }
  if (e.code === 'EREQUIRETLS' || (e.responseCode === 530 && /TLS/i.test(e.response ?? ''))) {
    return ['pause', 'smtp_tls_required', `${at} requires TLS${reply}: use smtps:// or a port that offers STARTTLS in --smtp-url`];
  }
  if (e.code === 'EAUTH' || e.code === 'EOAUTH2' || e.responseCode === 535 || e.responseCode === 534) {
    return ['pause', 'smtp_auth_failed', `${at} refused the login${reply}: check the user and password in the store's --smtp-url`];
  }
  if (e.code === 'ENOAUTH' || e.responseCode === 530) {
    return ['pause', 'smtp_auth_required', `${at} requires a login${reply}: put user:password in the store's --smtp-url`];
  }
  if (e.code === 'ECONFIG') return ['pause', 'smtp_config_invalid', `SMTP settings for ${server.address} are invalid: ${e.message}`];
  return null;
}

function permanentReplyVerdict(e: SmtpErrorFields, { server, from, to }: SmtpFailureContext): Verdict | null {
  const status = e.responseCode;
  if (status === undefined || status < 500 || status >= 600) return null;
  const at = `SMTP server ${server.address}`;
  if (e.command === 'MAIL FROM') {
    return ['permanent', `smtp_${status}`, `${at} refused the sender${named(from)} ${replyOf(e)}: check the store's --smtp-from`];
  }
  const what = e.command === 'RCPT TO' ? `the recipient${named(to)}` : 'the message';
  return ['permanent', `smtp_${status}`, `${at} refused ${what} ${replyOf(e)}`];
}

function networkVerdict(e: SmtpErrorFields, { server, dataSent }: SmtpFailureContext): Verdict | null {
  if (!NETWORK_CODES.has(e.code ?? '')) return null;
  const system = e.originalCode ?? e.code ?? '';
  const maybeDelivered = dataSent ? ' after the message was sent: it may have been delivered, and a retry may duplicate it' : '';
  if (DNS_CODES.has(e.code ?? '') || DNS_CODES.has(system)) {
    return ['retry', 'smtp_dns_failed', `Could not resolve SMTP host ${server.address} (${system}): check the host name in --smtp-url`];
  }
  if (e.code === 'ETIMEDOUT') {
    const plainOnTlsPort = e.timeoutType === 'GREETING_TIMEOUT' && !server.secure && server.port === 465;
    const hint = plainOnTlsPort ? ': port 465 expects TLS from the start, use smtps://' : '';
    return [
      'retry',
      'smtp_timeout',
      `SMTP server ${server.address} did not answer in time (${e.timeoutType ?? e.message})${maybeDelivered}${hint}`,
    ];
  }
  const hint = system === 'ECONNREFUSED' ? ': is the server up, and are the host and port in --smtp-url right?' : '';
  return [
    'retry',
    'smtp_connection_failed',
    `Connection to SMTP server ${server.address} failed (${e.message ?? system})${maybeDelivered}${hint}`,
  ];
}

/** EENVELOPE without a reply is nodemailer refusing an address itself: no attempt can fix it. */
function fallbackVerdict(e: SmtpErrorFields, { server }: SmtpFailureContext, error: unknown): Verdict {
  const message = `Sending through SMTP server ${server.address} failed: ${e.message ?? String(error)}`;
  return e.code === 'EENVELOPE' ? ['permanent', 'smtp_invalid_address', message] : ['retry', 'smtp_error', message];
}

/** "(550 5.1.1 No such user at RCPT TO)": the server's own words and where in the dialogue they came. */
function replyOf(e: SmtpErrorFields): string {
  return `(${e.response ?? e.responseCode}${e.command === undefined ? '' : ` at ${e.command}`})`;
}

function named(address: string | undefined): string {
  return address === undefined ? '' : ` ${address}`;
}

/** The class digit of an RFC 3463 enhanced status code in a reply ("451 4.3.0 …" → "4"). */
function enhancedClass(response: string | undefined): string | null {
  return /^\d{3}[ -]([245])\.\d{1,3}\.\d{1,3}\b/.exec(response ?? '')?.[1] ?? null;
}

function readFields(error: unknown): SmtpErrorFields {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const record = error as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  return {
    code: text('code'),
    originalCode: text('originalCode'),
    responseCode: typeof record.responseCode === 'number' ? record.responseCode : undefined,
    response: text('response')?.trim(),
    command: text('command'),
    timeoutType: text('timeoutType'),
    message: text('message'),
  };
}
