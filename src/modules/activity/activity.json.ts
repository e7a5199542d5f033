import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_LEVELS, type Activity } from './activity.entity.js';

/** A row as operators see it (`baas logs --json`): everything, details included (already redacted). */
export function activityJson(row: Activity) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    level: row.level,
    kind: row.kind,
    summary: row.summary,
    store_id: row.storeId ?? null,
    livemode: row.livemode ?? null,
    request_id: row.requestId ?? null,
    order_id: row.orderId ?? null,
    payment_id: row.paymentId ?? null,
    message_id: row.messageId ?? null,
    event_id: row.eventId ?? null,
    job_id: row.jobId ?? null,
    provider_ref: row.providerRef ?? null,
    duration_ms: row.durationMs ?? null,
    outcome: row.outcome ?? null,
    detail: row.detail ?? null,
  };
}

/** What a storefront sees of its order's story: no job internals, no key ids, no request bodies. */
export const PUBLIC_KINDS = ACTIVITY_KINDS.filter((kind) => kind !== 'job');

export function timelineEntryJson(row: Activity) {
  return {
    id: row.id,
    object: 'timeline_entry' as const,
    at: row.at.toISOString(),
    kind: row.kind,
    summary: row.summary,
    outcome: row.outcome ?? null,
    duration_ms: row.durationMs ?? null,
    request_id: row.requestId ?? null,
    payment_id: row.paymentId ?? null,
    message_id: row.messageId ?? null,
    event_id: row.eventId ?? null,
  };
}

export const TimelineEntryObject = z.object({
  id: z.string(),
  object: z.literal('timeline_entry'),
  at: z.string(),
  kind: z.enum(PUBLIC_KINDS as [string, ...string[]]),
  summary: z.string(),
  outcome: z.string().nullable(),
  duration_ms: z.number().nullable(),
  request_id: z.string().nullable(),
  payment_id: z.string().nullable(),
  message_id: z.string().nullable(),
  event_id: z.string().nullable(),
});

export const ActivityLevelSchema = z.enum(ACTIVITY_LEVELS);
