import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * One row per unit of outside-world work (webhook delivery, message, notification processing,
 * reconciliation). Written in the same transaction as the change that causes it.
 */
export const JobSchema = defineEntity({
  name: 'Job',
  tableName: 'jobs',
  properties: (p) => ({
    id: p.string().primary(),
    type: p.string().length(64),
    payload: p.json<Record<string, unknown>>(),
    storeId: p.string().nullable(),
    /** What the job is about (a webhook endpoint, a payment…), so "what is pending for X" is one indexed query. */
    subjectId: p.string().nullable(),
    status: p.enum([...JOB_STATUSES]).default('queued'),
    runAt: p.datetime(),
    attempts: p.integer().default(0),
    maxAttempts: p.integer(),
    leaseOwner: p.string().nullable(),
    leaseExpiresAt: p.datetime().nullable(),
    lastError: p.text().nullable(),
    /** At most one job per key, ever: enqueueing a duplicate is a no-op. */
    dedupeKey: p.string().nullable().unique(),
    /**
     * At most one queued job per key: while one waits, enqueueing another is a no-op (it will do
     * the same work, later than the cause). Cleared when the job is claimed.
     */
    queuedKey: p.string().nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    finishedAt: p.datetime().nullable(),
  }),
  indexes: [{ properties: ['status', 'runAt'] }, { properties: ['storeId', 'status'] }, { properties: ['subjectId', 'status'] }],
});

export type Job = InferEntity<typeof JobSchema>;
