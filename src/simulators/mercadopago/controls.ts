import { issueCardToken, TEST_CARD } from './card-tokens.js';
import type { Sim } from './context.js';
import { badRequest, errors } from './errors.js';
import type { Defer } from './notifications.js';
import { setStatus } from './payments.js';
import { findPreference, payPreference, type BuyerChoice } from './preferences.js';
import type { ChaosMode, FailureMode, NotificationRecord, Payment, SimulatorConfig } from './state.js';

const STATUSES = new Set([
  'pending',
  'approved',
  'authorized',
  'in_process',
  'in_mediation',
  'rejected',
  'cancelled',
  'refunded',
  'charged_back',
]);
const CHAOS = new Set<ChaosMode>(['duplicate', 'delay', 'drop', 'reorder']);
const FAILURES = new Set<FailureMode>(['500', '429', '404', 'hang']);

export interface FailureSpec {
  /** HTTP method, or `*`. */
  method?: string;
  /** Path prefix, e.g. `/v1/payments`. */
  path: string;
  mode: FailureMode;
  count?: number;
  retryAfterSeconds?: number;
  hangMs?: number;
  afterHang?: 'process' | 'abort';
}

/**
 * What tests and the sandbox CLI may do that MP's API can't: configure, force states, break
 * deliveries and calls. Also served over HTTP under `/__control`.
 */
export class MercadoPagoControls {
  constructor(private readonly sim: Sim) {}

  configure(changes: Partial<SimulatorConfig>): SimulatorConfig {
    const config = this.sim.state.config;
    if (changes.siteCurrency !== undefined && !/^[A-Z]{3}$/.test(changes.siteCurrency))
      throw badRequest('invalid_config', 'site_currency must be an ISO code like BRL');
    Object.assign(config, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
    return { ...config };
  }

  /** A token as Bricks would make it, for a test cardholder name (APRO, OTHE, CONT, …). */
  createCardToken(cardholderName: string, card: Partial<Record<'card_number' | 'security_code', string>> = {}) {
    return issueCardToken(
      this.sim.state,
      {
        ...TEST_CARD,
        ...Object.fromEntries(Object.entries(card).filter(([, value]) => value !== undefined)),
        expiration_year: new Date().getFullYear() + 5,
        cardholder: { name: cardholderName, identification: { type: 'CPF', number: '12345678909' } },
      },
      null,
    );
  }

  payments(): Payment[] {
    return structuredClone([...this.sim.state.payments.values()]);
  }

  /** Moves a payment to any status (pending→approved, approved→charged_back, …) and notifies. */
  forcePaymentStatus(id: number, status: string, statusDetail?: string, defer?: Defer): Payment {
    if (!STATUSES.has(status)) throw badRequest('invalid_status', `status must be one of ${[...STATUSES].join(', ')}`);
    const payment = this.sim.state.payments.get(id);
    if (!payment) throw errors.paymentNotFound();
    const detail =
      statusDetail ?? (status === 'pending' && payment.payment_type_id === 'bank_transfer' ? 'pending_waiting_transfer' : undefined);
    setStatus(this.sim, payment, status, detail, defer);
    return structuredClone(payment);
  }

  /** A buyer paying a preference on the Checkout Pro page. */
  payPreference(preferenceId: string, choice: BuyerChoice, baseUrl?: string, defer?: Defer): Payment {
    const preference = findPreference(this.sim, preferenceId);
    const base = baseUrl ?? this.sim.state.config.baseUrl ?? '';
    return structuredClone(payPreference(this.sim, preference, choice, base, defer));
  }

  /** Applies `mode` to the next `count` notifications. */
  notificationChaos(mode: ChaosMode, options: { count?: number; delayMs?: number } = {}): void {
    if (!CHAOS.has(mode)) throw badRequest('invalid_chaos', `mode must be one of ${[...CHAOS].join(', ')}`);
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw badRequest('invalid_chaos', 'count must be a positive integer');
    this.sim.state.chaos.push({ mode, remaining: count, delayMs: options.delayMs ?? 1000 });
  }

  /** Sends notifications `reorder` still holds (no later one came to release them). */
  flushHeldNotifications(): Promise<void> {
    return this.sim.notifier.flushHeld();
  }

  notifications(): NotificationRecord[] {
    return structuredClone(this.sim.state.notifications);
  }

  /** Resolves when no notification is queued, delayed, retrying or in flight. */
  notificationsSettled(): Promise<void> {
    return this.sim.notifier.idle();
  }

  injectFailure(spec: FailureSpec): void {
    if (!FAILURES.has(spec.mode)) throw badRequest('invalid_failure', `mode must be one of ${[...FAILURES].join(', ')}`);
    if (typeof spec.path !== 'string' || !spec.path.startsWith('/'))
      throw badRequest('invalid_failure', 'path must be a path prefix like /v1/payments');
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw badRequest('invalid_failure', 'count must be a positive integer');
    this.sim.state.failures.push({
      method: (spec.method ?? '*').toUpperCase(),
      pathPrefix: spec.path,
      mode: spec.mode,
      remaining: count,
      retryAfterSeconds: spec.retryAfterSeconds ?? 1,
      hangMs: spec.hangMs ?? 30_000,
      afterHang: spec.afterHang ?? 'process',
    });
  }

  clearFailures(): void {
    this.sim.state.failures = [];
  }

  reset(): void {
    this.sim.notifier.stop();
    this.sim.state.reset();
  }
}
