import { findPhoneNumber, type Sim } from './context.js';
import { GraphError } from './errors.js';
import { emitStatus } from './progress.js';
import { digitsOf, legacyWaId } from './recipients.js';
import { statusError } from './status-payload.js';
import type {
  ApprovedTemplate,
  ChaosMode,
  FailureCode,
  MessageStatus,
  PhoneNumberRegistration,
  SentMessage,
  SimulatorConfig,
  StatusEvent,
  WebhookRecord,
} from './state.js';

export interface FailureSpec {
  /** A Graph error code; `500` alone is a bodiless 500. */
  code: FailureCode;
  count?: number;
  /** Overrides the code's usual HTTP status. */
  httpStatus?: number;
  /** Only sends to this number. */
  to?: string;
}

export interface RecipientSpec {
  number: string;
  behaviour: 'undeliverable' | 'wa_id';
  /** For `wa_id`; without it, the number's legacy variant (Brazil without the 9, Mexico 521, Argentina 549). */
  waId?: string;
}

export type ConfigChanges = Partial<Omit<SimulatorConfig, 'delaysMs'>> & { delaysMs?: Partial<SimulatorConfig['delaysMs']> };

const controlError = (message: string, httpStatus = 400) => new GraphError(httpStatus, 100, message);

/**
 * What tests and the sandbox may do that Meta's API can't: register numbers, approve templates,
 * break sends and webhooks, drive statuses. Also served over HTTP under `/__control`.
 */
export class WhatsAppControls {
  constructor(private readonly sim: Sim) {}

  registerPhoneNumber(registration: PhoneNumberRegistration): PhoneNumberRegistration {
    for (const field of ['phone_number_id', 'access_token', 'app_secret', 'display_phone_number'] as const) {
      if (typeof registration[field] !== 'string' || registration[field] === '') throw controlError(`${field} is required`);
    }
    this.sim.state.phoneNumbers.set(registration.phone_number_id, { ...registration, webhook_url: registration.webhook_url ?? null });
    return structuredClone(this.sim.state.phoneNumbers.get(registration.phone_number_id)!);
  }

  /** Replaces the approved templates. */
  setTemplates(templates: ApprovedTemplate[]): ApprovedTemplate[] {
    this.sim.state.templates = structuredClone(templates);
    return this.templates();
  }

  templates(): ApprovedTemplate[] {
    return structuredClone(this.sim.state.templates);
  }

  injectFailure(spec: FailureSpec): void {
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw controlError('count must be a positive integer');
    const to = spec.to === undefined ? null : digitsOf(spec.to);
    if (to === null && spec.to !== undefined) throw controlError('to must be a phone number');
    this.sim.state.failures.push({ code: spec.code, remaining: count, httpStatus: spec.httpStatus ?? null, to });
  }

  clearFailures(): void {
    this.sim.state.failures = [];
  }

  setRecipient(spec: RecipientSpec): void {
    const digits = digitsOf(spec.number);
    if (digits === null) throw controlError('number must be a phone number');
    const waId = spec.behaviour === 'wa_id' ? (spec.waId ?? legacyWaId(digits)) : null;
    if (spec.behaviour === 'wa_id' && !waId) throw controlError(`${spec.number} has no legacy variant: give wa_id`);
    this.sim.state.recipients.set(digits, { behaviour: spec.behaviour, waId });
  }

  messages(): SentMessage[] {
    return structuredClone([...this.sim.state.messages.values()]);
  }

  /** Emits one status webhook for a message now; `failed` without errors reports 131026. */
  sendStatus(wamid: string, status: MessageStatus, errors?: { code: number; details?: string }[]): StatusEvent {
    const message = this.sim.state.messages.get(wamid);
    if (!message) throw controlError(`No message ${wamid}`, 404);
    const registration = findPhoneNumber(this.sim, message.phone_number_id);
    if (!registration) throw controlError(`Phone number ${message.phone_number_id} is no longer known`, 409);
    const listed = status === 'failed' ? (errors ?? [{ code: 131026 }]) : errors;
    return structuredClone(
      emitStatus(
        this.sim,
        registration,
        message,
        status,
        listed?.map((e) => statusError(e.code, e.details)),
      ),
    );
  }

  configure(changes: ConfigChanges): SimulatorConfig {
    const config = this.sim.state.config;
    const { delaysMs, ...rest } = changes;
    for (const [key, value] of Object.entries({ ...rest, ...delaysMs })) {
      if (typeof value === 'number' && !(Number.isInteger(value) && value >= 0))
        throw controlError(`${key} must be a non-negative integer`);
    }
    if (changes.webhookAttempts !== undefined && changes.webhookAttempts < 1) throw controlError('webhookAttempts must be at least 1');
    Object.assign(config, defined(rest));
    Object.assign(config.delaysMs, defined(delaysMs ?? {}));
    return structuredClone(config);
  }

  /** Applies `mode` to the next `count` status webhooks. */
  statusChaos(mode: ChaosMode, count = 1): void {
    if (!Number.isInteger(count) || count < 1) throw controlError('count must be a positive integer');
    this.sim.state.chaos.push({ mode, remaining: count });
  }

  webhooks(): WebhookRecord[] {
    return structuredClone(this.sim.state.webhooks);
  }

  /** Resolves when no status is scheduled and no webhook is queued, retrying or in flight. */
  idle(): Promise<void> {
    return this.sim.pending.idle();
  }

  reset(): void {
    this.sim.halt();
    this.sim.state.reset();
  }
}

function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
