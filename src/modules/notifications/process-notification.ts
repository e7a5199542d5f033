import { dbDate, type Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { exponentialBackoff, type JobHandler } from '../jobs/job-handler.js';
import type { IntakeOutcome, ProviderPaymentIntake } from '../payments/provider-payment-intake.js';
import type { NotificationStatus } from './provider-notification.entity.js';
import { NOTIFICATION_ATTEMPTS, PROCESS_NOTIFICATION } from './mercadopago-inbox.js';

interface Payload {
  notification_id: string;
  store_id: string;
  payment_id: string;
}

/**
 * Acts on a stored payment notification without believing a word of it: the payment is read
 * back from Mercado Pago and applied through the state machine. A payment MP cannot show yet
 * (it notifies before the payment is readable) is retried with backoff, from 1 s.
 */
export function notificationHandler(deps: { orm: Orm; intake: ProviderPaymentIntake; clock: Clock }): JobHandler {
  return {
    type: PROCESS_NOTIFICATION,
    maxAttempts: NOTIFICATION_ATTEMPTS,
    retryDelayMs: exponentialBackoff(1_000, 3_600_000),
    async run(raw, { job, log }) {
      const payload = raw as unknown as Payload;
      // Everything received about this payment until now is answered by the read below.
      const startedAt = deps.clock.now();
      try {
        const outcome = await deps.intake.settle(payload.store_id, payload.payment_id, {
          cause: 'notification',
          causeId: payload.notification_id,
        });
        log.info({ notification_id: payload.notification_id, ...outcome }, 'mercadopago notification processed');
        await mark(deps, payload, startedAt, outcome.result === 'applied' ? 'processed' : 'ignored', describe(outcome));
      } catch (error) {
        if (job.attempts >= job.maxAttempts) await mark(deps, payload, startedAt, 'failed', (error as Error).message);
        throw error;
      }
    },
  };
}

function describe(outcome: IntakeOutcome): string {
  return outcome.result === 'applied' ? `payment ${outcome.paymentId} is ${outcome.status}` : outcome.reason;
}

/** Its own and, by the (store_id, resource_id, status, received_at) index, the payment's others still waiting. */
export const SETTLE_NOTIFICATIONS = `update provider_notifications set status = ?, outcome = ?, processed_at = ?
  where (id = ? or (store_id = ? and resource_id = ? and status = 'received' and received_at <= ?))`;

/** Settles this job's notification and any others about the same payment that it coalesced. */
async function mark(
  deps: { orm: Orm; clock: Clock },
  payload: Payload,
  until: Date,
  status: NotificationStatus,
  outcome: string,
): Promise<void> {
  const em = deps.orm.em.fork();
  await em.execute(
    SETTLE_NOTIFICATIONS,
    [
      status,
      outcome.slice(0, 1000),
      dbDate(em, deps.clock.now()),
      payload.notification_id,
      payload.store_id,
      payload.payment_id,
      dbDate(em, until),
    ],
    'run',
  );
}
