import { randomUUID } from 'node:crypto';
import { mpNow } from './dates.js';
import { signatureHeader } from './signature.js';
import { Timers } from '../timers.js';
import type { ChaosRule, NotificationRecord, Payment, SimulatorState } from './state.js';

export type PaymentAction = 'payment.created' | 'payment.updated';
/** Runs a callback later; routes pass one that waits until their response has been sent. */
export type Defer = (task: () => void) => void;

const immediately: Defer = (task) => void setImmediate(task);

/**
 * Sends MP Webhooks-style notifications (reference §7) for payment changes, signed when a
 * secret is configured, with retries and the chaos the tests ask for. Never awaited by the API:
 * MP's notifications are asynchronous, and an adapter that relies on their timing is wrong.
 */
export class Notifier {
  private held: NotificationRecord[] = [];
  private readonly timers = new Timers();
  private aborter = new AbortController();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly state: SimulatorState) {}

  notify(payment: Payment, action: PaymentAction, defer: Defer = immediately): void {
    if (!payment.notification_url) return;
    const body = {
      id: this.state.nextNotificationId++,
      live_mode: false,
      type: 'payment',
      date_created: mpNow(),
      user_id: payment.collector_id,
      api_version: 'v1',
      action,
      data: { id: String(payment.id) },
    };
    const url = notificationUrl(payment.notification_url, String(payment.id));
    // Chaos is taken in creation order so "the next N notifications" means what a test expects.
    const chaos = this.takeChaos();
    const record = this.log(url, body, chaos?.mode ?? null);
    this.inFlight++;
    defer(() => {
      this.dispatch(record, chaos).finally(() => this.settle());
    });
  }

  /** Resolves once nothing is queued, delayed, retrying or sending (held ones don't count). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Sends notifications held by `reorder` that no later notification released. */
  async flushHeld(): Promise<void> {
    this.inFlight++;
    try {
      await this.releaseHeld();
    } finally {
      this.settle();
    }
  }

  /** Forgets held notifications and stops pending timers (reset, shutdown). */
  stop(): void {
    this.held = [];
    this.timers.clear();
    this.aborter.abort();
    this.aborter = new AbortController();
    this.inFlight = 0;
    this.wakeIdle();
  }

  private async dispatch(record: NotificationRecord, chaos: ChaosRule | undefined): Promise<void> {
    switch (chaos?.mode) {
      case 'drop':
        record.status = 'dropped';
        return;
      case 'reorder':
        record.status = 'held';
        this.held.push(record);
        return;
      case 'delay':
        record.status = 'delayed';
        await this.timers.sleep(chaos.delayMs);
        await this.deliver(record);
        break;
      case 'duplicate':
        await this.deliver(record);
        // A redelivery: same body (same notification id), fresh request id and signature.
        await this.deliver(this.log(record.url, record.body, 'duplicate'));
        break;
      default:
        await this.deliver(record);
    }
    await this.releaseHeld();
  }

  private async releaseHeld(): Promise<void> {
    for (const record of this.held.splice(0)) await this.deliver(record);
  }

  private async deliver(record: NotificationRecord): Promise<void> {
    const signal = this.aborter.signal;
    if (signal.aborted) return;
    record.status = 'sending';
    record.headers = this.headers(String((record.body.data as { id: string }).id));
    const payload = JSON.stringify(record.body);
    const { notificationRetries, notificationRetryDelayMs, notificationTimeoutMs } = this.state.config;
    for (let attempt = 0; attempt <= notificationRetries; attempt++) {
      if (attempt > 0) await this.timers.sleep(notificationRetryDelayMs);
      if (signal.aborted) return;
      const at = mpNow();
      try {
        const response = await fetch(record.url, {
          method: 'POST',
          headers: record.headers,
          body: payload,
          signal: AbortSignal.any([signal, AbortSignal.timeout(notificationTimeoutMs)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        record.attempts.push({ at, status_code: response.status, error: null });
        if (response.ok) {
          record.status = 'delivered';
          record.delivered = true;
          return;
        }
      } catch (error) {
        record.attempts.push({ at, status_code: null, error: (error as Error).message });
      }
    }
    record.status = 'failed';
  }

  private headers(dataId: string): Record<string, string> {
    const requestId = randomUUID();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'MercadoPago WebHook v1.0 payment',
      'x-request-id': requestId,
    };
    const secret = this.state.config.webhookSecret;
    if (secret) {
      const now = Date.now();
      const ts = String(this.state.config.signatureTs === 's' ? Math.floor(now / 1000) : now);
      headers['x-signature'] = signatureHeader(secret, { dataId, requestId, ts });
    }
    return headers;
  }

  private takeChaos(): ChaosRule | undefined {
    const rule = this.state.chaos[0];
    if (!rule) return undefined;
    if (--rule.remaining <= 0) this.state.chaos.shift();
    return rule;
  }

  private log(url: string, body: Record<string, unknown>, chaos: NotificationRecord['chaos']): NotificationRecord {
    const record: NotificationRecord = {
      seq: this.state.notifications.length + 1,
      url,
      headers: {},
      body,
      chaos,
      status: 'queued',
      delivered: false,
      attempts: [],
    };
    this.state.notifications.push(record);
    return record;
  }

  private settle(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) this.wakeIdle();
  }

  private wakeIdle(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}

/** `notification_url` plus `data.id` and `type`, keeping its own query (e.g. `source_news=webhooks`). */
export function notificationUrl(base: string, dataId: string): string {
  const url = new URL(base);
  url.searchParams.set('data.id', dataId);
  url.searchParams.set('type', 'payment');
  return url.toString();
}
