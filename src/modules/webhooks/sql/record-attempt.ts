import { appendRows } from '../../../db/append-rows.js';
import type { Db } from '../../../db/orm.js';
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

const COLUMNS = [
  'id',
  'store_id',
  'livemode',
  'endpoint_id',
  'event_id',
  'attempt',
  'trigger',
  'status',
  'status_code',
  'duration_ms',
  'response_excerpt',
  'error_class',
  'error',
  'next_attempt_at',
  'started_at',
] as const;

/** One wd_ row per attempt, whatever came of it; all in a single statement, no transaction needed. */
export async function recordAttempts(em: Db, attempts: Attempt[]): Promise<string[]> {
  const ids = attempts.map(() => newId('wd'));
  await appendRows(
    em,
    'webhook_deliveries',
    COLUMNS,
    attempts.map((attempt, index) => [
      ids[index],
      attempt.storeId,
      attempt.livemode,
      attempt.endpointId,
      attempt.eventId,
      attempt.attempt,
      attempt.trigger,
      attempt.succeeded ? 'succeeded' : 'failed',
      attempt.statusCode,
      attempt.durationMs,
      attempt.responseExcerpt,
      attempt.errorClass,
      attempt.error,
      attempt.nextAttemptAt,
      attempt.startedAt,
    ]),
  );
  return ids;
}

export async function recordAttempt(em: Db, attempt: Attempt): Promise<string> {
  const [id] = await recordAttempts(em, [attempt]);
  return id!;
}
