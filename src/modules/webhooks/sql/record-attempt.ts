import { dbDate, type Db } from '../../../db/orm.js';
import { newId } from '../../../shared/ids.js';
import type { DeliveryTrigger } from '../webhook-delivery.entity.js';

export interface Attempt {
  storeId: string;
  livemode: boolean;
  endpointId: string;
  eventId: string;
  attempt: number;
  trigger: DeliveryTrigger;
  succeeded: boolean;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  errorClass: string | null;
  error: string | null;
  nextAttemptAt: Date | null;
  startedAt: Date;
}

/** One wd_ row per attempt, whatever came of it; a single statement, no transaction needed. */
export async function recordAttempt(em: Db, attempt: Attempt): Promise<string> {
  const id = newId('wd');
  await em.execute(
    em
      .getKnex()
      .table('webhook_deliveries')
      .insert({
        id,
        store_id: attempt.storeId,
        livemode: attempt.livemode,
        endpoint_id: attempt.endpointId,
        event_id: attempt.eventId,
        attempt: attempt.attempt,
        trigger: attempt.trigger,
        status: attempt.succeeded ? 'succeeded' : 'failed',
        status_code: attempt.statusCode,
        duration_ms: attempt.durationMs,
        response_excerpt: attempt.responseExcerpt,
        error_class: attempt.errorClass,
        error: attempt.error,
        next_attempt_at: attempt.nextAttemptAt ? dbDate(em, attempt.nextAttemptAt) : null,
        started_at: dbDate(em, attempt.startedAt),
      }),
    [],
    'run',
  );
  return id;
}
