/** Everything the simulator remembers, in memory only: a restart (or reset) forgets it all. Meta's field names where Meta has one. */

/** A phone number of a simulated WhatsApp Business Account, and where its webhooks go. */
export interface PhoneNumberRegistration {
  phone_number_id: string;
  /** The only Bearer token accepted for this number. */
  access_token: string;
  /** Signs the status webhooks (X-Hub-Signature-256). */
  app_secret: string;
  /** null: statuses are recorded but no webhook is sent. */
  webhook_url: string | null;
  display_phone_number: string;
  /** `entry[].id` of the webhooks; derived from the phone number id when not given. */
  waba_id?: string;
}

/** An approved template: each (name, language) pair is approved separately (reference §2). */
export interface ApprovedTemplate {
  name: string;
  language: string;
  /** Parameter names in order; `['1', '2']` for a positional template. */
  parameters: string[];
}

export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

export interface StatusEvent {
  status: MessageStatus;
  /** Unix seconds, as a string (Meta's format). */
  timestamp: string;
  errors?: StatusError[];
}

export interface SentMessage {
  id: string;
  phone_number_id: string;
  /** As the request gave it. */
  to: string;
  wa_id: string;
  type: 'template' | 'text';
  template: { name: string; language: string } | null;
  text: string | null;
  biz_opaque_callback_data: string | null;
  /** The request body verbatim, for tests that check what the client sent. */
  request: Record<string, unknown>;
  created_at: string;
  /** Statuses in the order they were emitted (not necessarily delivered). */
  statuses: StatusEvent[];
}

export interface WebhookAttempt {
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export type ChaosMode = 'duplicate' | 'reorder' | 'drop';

export interface WebhookRecord {
  /** Position in the log; a duplicate gets its own entry. */
  seq: number;
  wamid: string;
  status: MessageStatus;
  url: string;
  headers: Record<string, string>;
  /** The exact bytes sent (ASCII: non-ASCII is escaped), what the signature covers. */
  body: string;
  chaos: ChaosMode | null;
  state: 'queued' | 'held' | 'sending' | 'delivered' | 'failed' | 'dropped';
  attempts: WebhookAttempt[];
}

export interface ChaosRule {
  mode: ChaosMode;
  remaining: number;
}

/** A Graph error code, `500` for a bodiless 500, `hang` (no answer until stop or reset) or `reset` (connection cut). */
export type FailureCode = number | 'hang' | 'reset';

export interface FailureRule {
  code: FailureCode;
  remaining: number;
  /** Overrides the code's usual HTTP status. */
  httpStatus: number | null;
  /** Only sends to this number (digits); null: any. */
  to: string | null;
}

export interface RecipientRule {
  /** `undeliverable`: accepted, then a `failed` webhook with 131026; `wa_id`: accepted under another wa_id. */
  behaviour: 'undeliverable' | 'wa_id';
  waId: string | null;
}

export interface SimulatorConfig {
  /** Sends sent → delivered → read by itself after each accepted message; off, statuses come only by control. */
  autoProgress: boolean;
  /** Since acceptance. */
  delaysMs: { sent: number; delivered: number; read: number };
  /** Read arrives without delivered, as Meta does when both happen at once. */
  skipDelivered: boolean;
  /** Per webhook, the first included. */
  webhookAttempts: number;
  /** Before the second attempt; doubles, capped at 1 s. */
  webhookRetryDelayMs: number;
  webhookTimeoutMs: number;
}

export function defaultConfig(): SimulatorConfig {
  return {
    autoProgress: true,
    delaysMs: { sent: 20, delivered: 40, read: 60 },
    skipDelivered: false,
    webhookAttempts: 5,
    webhookRetryDelayMs: 50,
    webhookTimeoutMs: 5_000,
  };
}

export class SimulatorState {
  config = defaultConfig();
  phoneNumbers = new Map<string, PhoneNumberRegistration>();
  templates: ApprovedTemplate[];
  messages = new Map<string, SentMessage>();
  webhooks: WebhookRecord[] = [];
  chaos: ChaosRule[] = [];
  failures: FailureRule[] = [];
  /** By the digits of the number. */
  recipients = new Map<string, RecipientRule>();

  constructor(private readonly initialTemplates: ApprovedTemplate[]) {
    this.templates = structuredClone(initialTemplates);
  }

  reset(): void {
    this.config = defaultConfig();
    this.phoneNumbers.clear();
    this.templates = structuredClone(this.initialTemplates);
    this.messages.clear();
    this.webhooks = [];
    this.chaos = [];
    this.failures = [];
    this.recipients.clear();
  }
}
