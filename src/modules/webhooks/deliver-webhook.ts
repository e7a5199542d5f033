import type { Orm } from '../../db/orm.js';
import type { Reads } from '../../db/reads.js';
import type { Logger } from '../../runtime/logger.js';
import type { Clock } from '../../shared/clock.js';
import { VERSION } from '../../shared/package-info.js';
import type { Event } from '../events/event.entity.js';
import { webhookBody } from '../events/event.json.js';
import type { JobHandler } from '../jobs/job-handler.js';
import { RetryAfter } from '../jobs/retry-after.js';
import { signingSecrets } from './endpoint-secrets.js';
import { DELIVER_WEBHOOK, DELIVERY_ATTEMPTS, type DeliveryPayload } from './fan-out.js';
import type { SendResult, WebhookAgents } from './send-webhook.js';
import { sendWebhook } from './send-webhook.js';
import { signWebhook } from './signature.js';
import { loadDelivery, type DeliveryRow } from './sql/load-delivery.js';
import { GroupCommit } from '../../db/group-commit.js';
import { recordAttempts, type Attempt } from './sql/record-attempt.js';
import { updateEndpointHealth, type HealthChange } from './sql/update-endpoint-health.js';
import type { ActivityLog } from '../activity/activity-log.js';
import { traceAlso } from '../activity/trace.js';

/** Delay before retry n (after attempt n failed): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
/** Only failures for this long, and the endpoint is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
/** At most this many deliveries in flight per endpoint, so one slow storefront cannot hold every worker. */
export const PER_ENDPOINT_CONCURRENCY = 4;
const MAX_RETRY_AFTER_MS = 36_000_000;

export interface DeliveryDeps {
  orm: Orm;
  reads: Reads;
  masterKey: Buffer;
  clock: Clock;
  logger: Logger;
  agents: WebhookAgents;
  allowPrivate: boolean;
  random?: () => number;
  /** The contract's 15 s unless a test needs less. */
  timeoutMs?: number;
  activity?: ActivityLog;
}

/**
 * Sends one event to one endpoint, signed per Standard Webhooks, records the attempt and
 * decides what follows: done, retry on the schedule (or the receiver's Retry-After), or stop.
 */
export function webhookDeliveryHandler(deps: DeliveryDeps): JobHandler {
  const inFlight = new Map<string, number>();
  const random = deps.random ?? Math.random;
  // Attempts finishing together are logged in one statement.
  const attempts = new GroupCommit<Attempt>((batch) => recordAttempts(deps.orm.em.fork(), batch).then(() => undefined));
  return {
    type: DELIVER_WEBHOOK,
    maxAttempts: DELIVERY_ATTEMPTS,
    retryDelayMs: (attempt) => jittered(RETRY_SCHEDULE_MS[attempt - 1] ?? RETRY_SCHEDULE_MS.at(-1)!, random),
    async run(raw, { job, log }) {
      const payload = raw as DeliveryPayload;
      const loaded = await loadDelivery(deps.reads, payload.event_id, payload.endpoint_id);
      if (!loaded || loaded.endpoint.status !== 'enabled') {
        log.info({ event_id: payload.event_id, endpoint_id: payload.endpoint_id }, 'delivery dropped: event or endpoint gone or disabled');
        return;
      }
      const { endpoint } = loaded;
      traceAlso({ eventId: payload.event_id, orderId: loaded.orderId ?? undefined, paymentId: loaded.paymentId ?? undefined });
      const busy = inFlight.get(endpoint.id) ?? 0;
      if (busy >= PER_ENDPOINT_CONCURRENCY) throw new RetryAfter('endpoint busy', 200, { deferOnly: true });
      inFlight.set(endpoint.id, busy + 1);
      let result: SendResult;
      const startedAt = deps.clock.now();
      try {
        const body = webhookBody({
          id: payload.event_id,
          type: loaded.eventType,
          createdAt: loaded.eventCreatedAt,
          data: loaded.eventData as Event['data'],
        });
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
            'webhook-id': payload.event_id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signWebhook(signingSecrets(deps.masterKey, endpoint, startedAt), payload.event_id, timestamp, body),
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
      await attempts.submit({
        storeId: endpoint.storeId,
        livemode: endpoint.livemode,
        endpointId: endpoint.id,
        eventId: payload.event_id,
        attempt: job.attempts,
        trigger: payload.trigger,
        succeeded: result.outcome === 'success',
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        responseExcerpt: result.responseExcerpt,
        errorClass: result.errorClass,
        error: result.error,
        nextAttemptAt: retryInMs === null ? null : new Date(now.getTime() + retryInMs),
        startedAt,
      });
      deps.activity?.record({
        kind: 'delivery',
        level: result.outcome === 'success' ? 'info' : 'warn',
        at: startedAt,
        summary: `webhook ${loaded.eventType} to ${endpoint.url}: ${result.statusCode ?? result.errorClass}${result.outcome === 'success' ? '' : ` (${result.errorClass})`}, attempt ${job.attempts}${retryInMs === null ? '' : `, next in ${Math.round(retryInMs / 1000)} s`}`,
        durationMs: result.durationMs,
        outcome: result.outcome === 'success' ? 'succeeded' : 'failed',
        detail: {
          endpoint_id: endpoint.id,
          attempt: job.attempts,
          trigger: payload.trigger,
          status_code: result.statusCode,
          error: result.error,
        },
      });
      const change = healthChange(endpoint, result, gone, now);
      if (change.disabledReason) {
        log.warn(
          { endpoint_id: endpoint.id, url: endpoint.url, reason: change.disabledReason },
          'webhook endpoint disabled; re-enable it with PATCH status=enabled once fixed',
        );
      }
      await updateEndpointHealth(deps.orm.em.fork(), endpoint.id, change, now);
      const failure = `${result.errorClass}: ${result.error ?? result.statusCode}`;
      if (retryInMs !== null) throw new RetryAfter(failure, retryInMs);
      // Out of attempts: the job ends dead, where `baas jobs` and the operator can see it.
      if (result.outcome === 'failure' && !gone) throw new Error(`gave up after ${job.attempts} attempts; last: ${failure}`);
    },
  };
}

/** last_success_at is refreshed at most once a minute: most deliveries then write nothing here. */
const SUCCESS_RESOLUTION_MS = 60_000;

function healthChange(endpoint: DeliveryRow['endpoint'], result: SendResult, gone: boolean, now: Date): HealthChange {
  if (result.outcome === 'success') {
    const stale = !endpoint.lastSuccessAt || now.getTime() - endpoint.lastSuccessAt.getTime() >= SUCCESS_RESOLUTION_MS;
    return { ...(stale || endpoint.failingSince ? { lastSuccessAt: now } : {}), ...(endpoint.failingSince ? { failingSince: null } : {}) };
  }
  const failingSince = endpoint.failingSince ?? now;
  const reason = gone ? 'endpoint_gone' : now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS ? 'failing_for_5_days' : undefined;
  return { ...(endpoint.failingSince ? {} : { failingSince }), ...(reason ? { disabledReason: reason } : {}) };
}

function jittered(ms: number, random: () => number): number {
  return Math.round(ms * (0.9 + random() * 0.2));
}
