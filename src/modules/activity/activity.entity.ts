import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';

export const ACTIVITY_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type ActivityLevel = (typeof ACTIVITY_LEVELS)[number];

/**
 * What the activity log records: each API request, provider call, inbound notification,
 * payment transition (applied or refused, with its cause), event, job run and webhook delivery
 * attempt. Messages show as their provider calls and their message.* events.
 */
export const ACTIVITY_KINDS = ['request', 'provider_call', 'notification', 'transition', 'event', 'job', 'delivery'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * One row per meaningful thing that happened, with the ids it concerns, so the story of an
 * order, a payment, a request or a store can be read back in time order. Operators read it with
 * `baas logs`; a storefront reads its orders' timelines. Not tenant-filtered: the CLI crosses
 * stores, and the timeline route scopes itself.
 */
export const ActivitySchema = defineEntity({
  name: 'Activity',
  tableName: 'activity_log',
  properties: (p) => ({
    id: p.string().primary(),
    at: p.datetime(),
    level: p.enum([...ACTIVITY_LEVELS]),
    kind: p.string().length(32),
    summary: p.text(),
    storeId: p.string().nullable(),
    livemode: p.boolean().nullable(),
    requestId: p.string().nullable().index(),
    orderId: p.string().nullable().index(),
    paymentId: p.string().nullable().index(),
    messageId: p.string().nullable(),
    eventId: p.string().nullable(),
    jobId: p.string().nullable(),
    /** The provider's id of what it concerns (a Mercado Pago payment id): links notifications to our payment once it is known. */
    providerRef: p.string().nullable().index(),
    durationMs: p.integer().nullable(),
    outcome: p.string().length(64).nullable(),
    /** Redacted JSON: what an operator needs and a storefront does not (key ids, bodies of failed requests, errors). */
    detail: p.json<Record<string, unknown>>().nullable(),
  }),
  indexes: [
    { properties: ['storeId', 'at'] },
    { properties: ['at'] },
    // Partial: few rows name a message, and the rest need not pay for it (migration 16).
    {
      name: 'activity_log_message_id_index',
      expression: 'create index activity_log_message_id_index on activity_log (message_id) where message_id is not null',
    },
  ],
});

export type Activity = InferEntity<typeof ActivitySchema>;
