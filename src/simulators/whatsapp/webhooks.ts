import type { Pending } from './pending.js';
import { metaJson, webhookHeaders } from './signature.js';
import type { ChaosRule, MessageStatus, SimulatorState, WebhookRecord } from './state.js';

/** Where one phone number's webhooks go, signed with its app's secret. */
export interface WebhookTarget {
  url: string;
  appSecret: string;
}

const MAX_RETRY_DELAY_MS = 1_000;

/**
 * Sends status webhooks: signed, retried with backoff on non-2xx or network failure, every
 * attempt logged, and broken on request (duplicate, reorder, drop). Statuses of one message go
 * one after another, so without chaos a receiver sees them in the order Meta means them.
 */
export class WebhookSender {
  private held: WebhookRecord[] = [];
  private queues = new Map<string, Promise<void>>();

  constructor(
    private readonly state: SimulatorState,
    private readonly pending: Pending,
  ) {
    // A held webhook that nothing came after would wait forever: reordering it is moot, send it.
    pending.onDrain(() => {
      if (this.held.length > 0) this.pending.track(() => this.releaseHeld());
    });
  }

  send(target: WebhookTarget, wamid: string, status: MessageStatus, payload: object): void {
    const body = metaJson(payload);
    // Chaos is taken in emission order so "the next N webhooks" means what a test expects.
    const chaos = this.takeChaos()?.mode;
    const record = this.log({ wamid, status, url: target.url, headers: webhookHeaders(target.appSecret, body), body, chaos });
    // Taken now: a webhook queued behind another must not go out after a stop that came meanwhile.
    const signal = this.pending.signal;
    this.pending.track(() => this.inOrder(wamid, () => this.dispatch(record, signal)));
  }

  /** Forgets held webhooks (reset, shutdown); Pending.stop() cancels the rest. */
  forget(): void {
    this.held = [];
    this.queues.clear();
  }

  private inOrder(wamid: string, work: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(wamid) ?? Promise.resolve()).then(work);
    this.queues.set(wamid, next);
    return next.finally(() => this.queues.get(wamid) === next && this.queues.delete(wamid));
  }

  private async dispatch(record: WebhookRecord, signal: AbortSignal): Promise<void> {
    switch (record.chaos) {
      case 'drop':
        record.state = 'dropped';
        return;
      case 'reorder':
        record.state = 'held';
        this.held.push(record);
        return;
      case 'duplicate':
        await this.deliver(record, signal);
        // A redelivery is the same bytes with the same signature.
        await this.deliver(this.log({ ...record, chaos: 'duplicate' }), signal);
        break;
      default:
        await this.deliver(record, signal);
    }
    await this.releaseHeld();
  }

  /** Held webhooks belong to the current run: forget() drops them on a stop. */
  private async releaseHeld(): Promise<void> {
    for (const record of this.held.splice(0)) await this.deliver(record, this.pending.signal);
  }

  private async deliver(record: WebhookRecord, signal: AbortSignal): Promise<void> {
    const { webhookAttempts, webhookRetryDelayMs, webhookTimeoutMs } = this.state.config;
    record.state = 'sending';
    for (let attempt = 0; attempt < webhookAttempts; attempt++) {
      if (attempt > 0) await this.pending.sleep(Math.min(webhookRetryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS));
      if (signal.aborted) return;
      const at = new Date();
      try {
        const response = await fetch(record.url, {
          method: 'POST',
          headers: record.headers,
          body: record.body,
          redirect: 'manual',
          signal: AbortSignal.any([signal, AbortSignal.timeout(webhookTimeoutMs)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        record.attempts.push({ at: at.toISOString(), status_code: response.status, error: null, duration_ms: Date.now() - at.getTime() });
        if (response.ok) {
          record.state = 'delivered';
          return;
        }
      } catch (error) {
        if (signal.aborted) return; // stopped: not an attempt the receiver failed
        const message = (error as Error).message;
        record.attempts.push({ at: at.toISOString(), status_code: null, error: message, duration_ms: Date.now() - at.getTime() });
      }
    }
    record.state = 'failed';
  }

  private takeChaos(): ChaosRule | undefined {
    const rule = this.state.chaos[0];
    if (rule && --rule.remaining <= 0) this.state.chaos.shift();
    return rule;
  }

  private log(
    fields: Pick<WebhookRecord, 'wamid' | 'status' | 'url' | 'headers' | 'body'> & { chaos?: WebhookRecord['chaos'] },
  ): WebhookRecord {
    const record: WebhookRecord = {
      seq: this.state.webhooks.length + 1,
      wamid: fields.wamid,
      status: fields.status,
      url: fields.url,
      headers: fields.headers,
      body: fields.body,
      chaos: fields.chaos ?? null,
      state: 'queued',
      attempts: [],
    };
    this.state.webhooks.push(record);
    return record;
  }
}
