import type { Orm } from '../../db/orm.js';
import type { Logger } from '../../runtime/logger.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { VERSION } from '../../shared/package-info.js';
import { EventSchema } from '../events/event.entity.js';
import { webhookBody } from '../events/event.json.js';
import type { JobHandler } from '../jobs/job-handler.js';
import { RetryAfter } from '../jobs/retry-after.js';
import { signingSecrets } from './endpoint-secrets.js';
import { DELIVER_WEBHOOK, DELIVERY_ATTEMPTS, type DeliveryPayload } from './fan-out.js';
import type { SendResult, WebhookAgents } from './send-webhook.js';
import { sendWebhook } from './send-webhook.js';
import { signWebhook } from './signature.js';
import { WebhookDeliverySchema } from './webhook-delivery.entity.js';
import { WebhookEndpointSchema, type WebhookEndpoint } from './webhook-endpoint.entity.js';

/** Delay before retry n (after attempt n failed): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
/** Only failures for this long, and the endpoint is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
/** At most this many deliveries in flight per endpoint, so one slow storefront cannot hold every worker. */
export const PER_ENDPOINT_CONCURRENCY = 4;
const MAX_RETRY_AFTER_MS = 36_000_000;

export interface DeliveryDeps {
  orm: Orm;
  masterKey: Buffer;
  clock: Clock;
  logger: Logger;
  agents: WebhookAgents;
  allowPrivate: boolean;
  random?: () => number;
  /** The contract's 15 s unless a test needs less. */
  timeoutMs?: number;
}

/**
 * Sends one event to one endpoint, signed per Standard Webhooks, records the attempt and
 * decides what follows: done, retry on the schedule (or the receiver's Retry-After), or stop.
 */
export function webhookDeliveryHandler(deps: DeliveryDeps): JobHandler {
  const inFlight = new Map<string, number>();
  const random = deps.random ?? Math.random;
  return {
    type: DELIVER_WEBHOOK,
    maxAttempts: DELIVERY_ATTEMPTS,
    retryDelayMs: (attempt) => jittered(RETRY_SCHEDULE_MS[attempt - 1] ?? RETRY_SCHEDULE_MS.at(-1)!, random),
    async run(raw, { job, log }) {
      const payload = raw as DeliveryPayload;
      const em = deps.orm.em.fork();
      const event = await em.findOne(EventSchema, { id: payload.event_id }, { filters: false });
      const endpoint = await em.findOne(WebhookEndpointSchema, { id: payload.endpoint_id }, { filters: false });
      if (!event || !endpoint || endpoint.status !== 'enabled') {
        log.info({ event_id: payload.event_id, endpoint_id: payload.endpoint_id }, 'delivery dropped: event or endpoint gone or disabled');
        return;
      }
      const busy = inFlight.get(endpoint.id) ?? 0;
      if (busy >= PER_ENDPOINT_CONCURRENCY) throw new RetryAfter('endpoint busy', 200, { deferOnly: true });
      inFlight.set(endpoint.id, busy + 1);
      let result: SendResult;
      const startedAt = deps.clock.now();
      try {
        const body = webhookBody(event);
        const timestamp = Math.floor(startedAt.getTime() / 1000);
        result = await sendWebhook({
          url: endpoint.url,
          body,
          allowPrivate: deps.allowPrivate,
          timeoutMs: deps.timeoutMs,
          agent: deps.agents.forUrl(endpoint.url),
          headers: {
            'content-type': 'application/json',
            'user-agent': `baas-webhooks/${VERSION}`,
            'webhook-id': event.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signWebhook(signingSecrets(deps.masterKey, endpoint, startedAt), event.id, timestamp, body),
          },
        });
      } finally {
        inFlight.set(endpoint.id, (inFlight.get(endpoint.id) ?? 1) - 1);
      }

      const now = deps.clock.now();
      const lastAttempt = job.attempts >= job.maxAttempts;
      const gone = result.statusCode === 410;
      const retryInMs =
        result.outcome === 'success' || gone || lastAttempt
          ? null
          : Math.min(MAX_RETRY_AFTER_MS, Math.max(this.retryDelayMs(job.attempts), (result.retryAfterSeconds ?? 0) * 1000));
      em.create(WebhookDeliverySchema, {
        id: newId('wd'),
        store: endpoint.store,
        livemode: endpoint.livemode,
        endpointId: endpoint.id,
        eventId: event.id,
        attempt: job.attempts,
        trigger: payload.trigger,
        status: result.outcome === 'success' ? 'succeeded' : 'failed',
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        responseExcerpt: result.responseExcerpt,
        errorClass: result.errorClass,
        error: result.error,
        nextAttemptAt: retryInMs === null ? null : new Date(now.getTime() + retryInMs),
        startedAt,
      });
      updateHealth(endpoint, result, gone, now, log);
      await em.flush();
      const failure = `${result.errorClass}: ${result.error ?? result.statusCode}`;
      if (retryInMs !== null) throw new RetryAfter(failure, retryInMs);
      // Out of attempts: the job ends dead, where `baas jobs` and the operator can see it.
      if (result.outcome === 'failure' && !gone) throw new Error(`gave up after ${job.attempts} attempts; last: ${failure}`);
    },
  };
}

function updateHealth(endpoint: WebhookEndpoint, result: SendResult, gone: boolean, now: Date, log: Logger): void {
  if (result.outcome === 'success') {
    endpoint.lastSuccessAt = now;
    endpoint.failingSince = null;
    return;
  }
  endpoint.failingSince ??= now;
  const reason = gone ? 'endpoint_gone' : now.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_MS ? 'failing_for_5_days' : null;
  if (reason) {
    endpoint.status = 'disabled';
    endpoint.disabledReason = reason;
    log.warn(
      { endpoint_id: endpoint.id, url: endpoint.url, reason },
      'webhook endpoint disabled; re-enable it with PATCH status=enabled once fixed',
    );
  }
}

function jittered(ms: number, random: () => number): number {
  return Math.round(ms * (0.9 + random() * 0.2));
}
