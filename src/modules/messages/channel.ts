/**
 * The seam between the messages core and the providers that carry messages out. The core
 * renders, records and schedules; a channel only sends what it is handed and says how it went.
 */
export const CHANNELS = ['email', 'whatsapp'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export interface RenderedEmail {
  subject: string;
  /** CSS already inlined. */
  html: string;
  text: string;
}

/** One body parameter of an approved WhatsApp template (reference §1). */
export type WhatsAppParameter =
  | { type: 'text'; name?: string; text: string }
  /** `amount1000` is the amount × 1000 (minor units × 10 for a 2-decimal currency). */
  | { type: 'currency'; name?: string; fallback: string; code: string; amount1000: number }
  | { type: 'date_time'; name?: string; fallback: string };

export interface RenderedWhatsApp {
  /** The store's approved template name and its language code, e.g. `order_paid` / `pt_BR`. */
  name: string;
  languageCode: string;
  parameters: WhatsAppParameter[];
  /** What the customer reads, as plain text: kept on the message for the log and the API. */
  text: string;
}

export interface EmailSend {
  /** Our message id (msg_…). */
  messageId: string;
  to: string;
  from: string;
  content: RenderedEmail;
  /** The RFC 5322 Message-ID, the same on every attempt so a retry is recognisable: `<msg_…@host>`. */
  headerMessageId: string;
  /** The SMTP server to use; null writes the mail to the sandbox mailbox instead. */
  smtpUrl: string | null;
}

export interface WhatsAppSend {
  messageId: string;
  /** E.164, e.g. +5511987654321 (the channel sends the digits). */
  to: string;
  content: RenderedWhatsApp;
  /** Graph API base URL with its version, e.g. https://graph.facebook.com/v26.0 */
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
}

export interface SendOutcome {
  /** SMTP Message-ID as sent, or the WhatsApp wamid. */
  providerMessageId: string;
  /** SMTP server's final reply ("250 OK: queued as …"), or WhatsApp's message_status. */
  response: string | null;
  /** WhatsApp's wa_id (may differ from the number we sent to). */
  recipientId?: string | null;
}

export interface MessageChannel<Send> {
  readonly name: ChannelName;
  send(message: Send): Promise<SendOutcome>;
  /** Releases pooled connections (shutdown). */
  close(): Promise<void>;
}

/**
 * What the core does after a failed send:
 * - `retry`: transient (4xx SMTP, network, throughput limits): try again with backoff;
 * - `permanent`: this message can never go (550, not on WhatsApp): fail it, no retry;
 * - `pause`: the store's channel is misconfigured (auth, token, account): hold every message of
 *   that store on that channel without spending attempts until an operator fixes it.
 */
export type FailureDisposition = 'retry' | 'permanent' | 'pause';

export class ChannelError extends Error {
  readonly retryAfterMs: number | null;
  /** The provider may have taken the message although we saw no answer (timeout, reset): a retry may duplicate it. */
  readonly outcomeUnknown: boolean;

  constructor(
    readonly disposition: FailureDisposition,
    /** Stable, provider-flavoured: `smtp_550`, `smtp_eauth`, `whatsapp_131026`, `timeout`… */
    readonly code: string,
    message: string,
    options: { retryAfterMs?: number; outcomeUnknown?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ChannelError';
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}
