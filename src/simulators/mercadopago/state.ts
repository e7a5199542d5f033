import { createHash } from 'node:crypto';

/** Everything the simulator remembers, in memory only: a restart (or reset) forgets it all. */

export interface CardToken {
  id: string;
  cardholderName: string;
  identification: { type: string | null; number: string | null };
  firstSixDigits: string;
  lastFourDigits: string;
  expirationMonth: number;
  expirationYear: number;
  used: boolean;
  dateCreated: string;
}

export interface Refund {
  id: number;
  payment_id: number;
  amount: number;
  metadata: Record<string, unknown>;
  source: { id: string; name: string; type: 'collector' };
  date_created: string;
  unique_sequence_number: null;
  refund_mode: 'standard';
  adjustment_amount: number;
  status: 'approved';
  reason: null;
  labels: string[];
}

export interface Payment {
  id: number;
  collector_id: number;
  date_created: string;
  date_approved: string | null;
  date_last_updated: string;
  date_of_expiration: string | null;
  money_release_date: string | null;
  operation_type: 'regular_payment';
  issuer_id: string | null;
  payment_method_id: string;
  payment_type_id: 'credit_card' | 'debit_card' | 'bank_transfer';
  status: string;
  status_detail: string;
  currency_id: string;
  description: string | null;
  live_mode: false;
  captured: boolean;
  binary_mode: boolean;
  installments: number;
  payer: Record<string, unknown>;
  metadata: Record<string, unknown>;
  external_reference: string | null;
  statement_descriptor: string | null;
  transaction_amount: number;
  transaction_amount_refunded: number;
  coupon_amount: number;
  transaction_details: Record<string, unknown>;
  fee_details: unknown[];
  card: Record<string, unknown>;
  point_of_interaction: Record<string, unknown>;
  order: Record<string, unknown>;
  notification_url: string | null;
  refunds: Refund[];
}

export interface Preference {
  id: string;
  collector_id: number;
  client_id: string;
  date_created: string;
  items: Record<string, unknown>[];
  payer: Record<string, unknown>;
  back_urls: { success: string; pending: string; failure: string };
  auto_return: string;
  external_reference: string;
  notification_url: string | null;
  metadata: Record<string, unknown>;
  binary_mode: boolean;
  expires: boolean;
  expiration_date_from: string | null;
  expiration_date_to: string | null;
  date_of_expiration: string | null;
  payment_methods: Record<string, unknown>;
  operation_type: 'regular_payment';
  init_point: string;
  sandbox_init_point: string;
  site_id: string;
}

export interface NotificationAttempt {
  at: string;
  status_code: number | null;
  error: string | null;
}

export interface NotificationRecord {
  /** Position in the log; duplicates get their own entry. */
  seq: number;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  chaos: 'duplicate' | 'delay' | 'drop' | 'reorder' | null;
  status: 'queued' | 'held' | 'delayed' | 'sending' | 'delivered' | 'failed' | 'dropped';
  delivered: boolean;
  attempts: NotificationAttempt[];
}

export type ChaosMode = 'duplicate' | 'delay' | 'drop' | 'reorder';
export interface ChaosRule {
  mode: ChaosMode;
  remaining: number;
  delayMs: number;
}

/** `404`: the resource is not readable yet (MP notifies before a payment can be read, reference §13). */
export type FailureMode = '500' | '429' | '404' | 'hang';
export interface FailureRule {
  method: string;
  pathPrefix: string;
  mode: FailureMode;
  remaining: number;
  retryAfterSeconds: number;
  hangMs: number;
  /** After a hang: run the request anyway (a slow MP the client gave up on) or cut the connection. */
  afterHang: 'process' | 'abort';
}

export interface SimulatorConfig {
  /** Public URL of the simulator (init_point, ticket_url); null → the request's origin. */
  baseUrl: string | null;
  webhookSecret: string | null;
  siteCurrency: string;
  /** Per-access-token currency, for several simulated sellers on different sites. */
  tokenCurrencies: Record<string, string>;
  notificationRetries: number;
  notificationRetryDelayMs: number;
  notificationTimeoutMs: number;
  /** MP's docs call ts milliseconds but show 10-digit examples too (§7): let tests pick. */
  signatureTs: 'ms' | 's';
}

export const SITE_BY_CURRENCY: Readonly<Record<string, string>> = {
  ARS: 'MLA',
  BRL: 'MLB',
  MXN: 'MLM',
  PEN: 'MPE',
  UYU: 'MLU',
  CLP: 'MLC',
  COP: 'MCO',
};

export function defaultConfig(baseUrl: string | null): SimulatorConfig {
  return {
    baseUrl,
    webhookSecret: null,
    siteCurrency: 'BRL',
    tokenCurrencies: {},
    notificationRetries: 2,
    notificationRetryDelayMs: 200,
    notificationTimeoutMs: 5000,
    signatureTs: 'ms',
  };
}

export class SimulatorState {
  config: SimulatorConfig;
  tokens = new Map<string, CardToken>();
  payments = new Map<number, Payment>();
  preferences = new Map<string, Preference>();
  /** First response per (collector, scope, key), replayed verbatim (§1). */
  idempotent = new Map<string, { status: number; body: string }>();
  notifications: NotificationRecord[] = [];
  chaos: ChaosRule[] = [];
  failures: FailureRule[] = [];
  // Ids look like MP's (large, increasing) so nothing assumes small numbers. They start from
  // the clock: the simulator forgets its payments on restart, but the server's database does
  // not, and a reused id would point an old record at a new payment.
  nextPaymentId = idSeed(1_000_000_000_000);
  nextRefundId = idSeed(2_000_000_000_000);
  nextNotificationId = 120_000_001;

  constructor(private readonly initialBaseUrl: string | null) {
    this.config = defaultConfig(initialBaseUrl);
  }

  currencyFor(accessToken: string): string {
    return this.config.tokenCurrencies[accessToken] ?? this.config.siteCurrency;
  }

  reset(): void {
    const baseUrl = this.config.baseUrl;
    this.config = defaultConfig(baseUrl ?? this.initialBaseUrl);
    this.tokens.clear();
    this.payments.clear();
    this.preferences.clear();
    this.idempotent.clear();
    this.notifications = [];
    this.chaos = [];
    this.failures = [];
  }
}

/** Increasing across restarts (a tenth of a millisecond per id would have to be outrun). */
function idSeed(base: number): number {
  return base + (Math.floor(Date.now() * 10) % 900_000_000_000);
}

/** A stable numeric seller id per access token: MP scopes payments to the collector. */
export function collectorIdOf(accessToken: string): number {
  return 100_000_000 + (createHash('sha256').update(accessToken).digest().readUInt32BE(0) % 900_000_000);
}
