import { dbDate, type Orm } from '../../db/orm.js';
import { notFound } from '../../shared/errors.js';
import { EventSchema, type Event } from '../events/event.entity.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { scopedEm, type Scope } from '../tenancy/scope.js';
import { matchesEvent } from './event-patterns.js';
import { DELIVER_WEBHOOK, DELIVERY_ATTEMPTS, type DeliveryPayload } from './fan-out.js';
import { WebhookEndpointSchema } from './webhook-endpoint.entity.js';

/** An (event, endpoint) pair whose latest attempt failed. */
export interface FailedDelivery {
  eventId: string;
  endpointId: string;
  storeId: string;
  lastAttemptId: string;
  startedAt: Date;
}

export interface FailedFilter {
  since: Date;
  storeId?: string;
  endpointId?: string;
}

/** Sending events again: one on request (API, CLI), or every failure in a window (bulk, CLI). */
export class WebhookReplayService {
  constructor(
    private readonly orm: Orm,
    private readonly jobs: JobQueue,
  ) {}

  /** Queues the event for one endpoint, or for every enabled endpoint that wants its type. */
  async redeliver(scope: Scope, eventId: string, endpointId?: string): Promise<{ event: Event; endpointIds: string[] }> {
    const em = scopedEm(this.orm, scope);
    return em.transactional(async (tx) => {
      const event = await tx.findOne(EventSchema, { id: eventId });
      if (!event) throw notFound('resource_missing', `No such event: ${eventId}`);
      const endpoints = endpointId
        ? [await tx.findOne(WebhookEndpointSchema, { id: endpointId })]
        : (await tx.find(WebhookEndpointSchema, { status: 'enabled' })).filter((e) => matchesEvent(e.enabledEvents, event.type));
      if (endpoints.some((e) => !e)) throw notFound('resource_missing', `No such webhook endpoint: ${endpointId}`);
      for (const endpoint of endpoints) {
        const payload: DeliveryPayload = { event_id: event.id, endpoint_id: endpoint!.id, trigger: 'manual' };
        await this.jobs.enqueue(tx, DELIVER_WEBHOOK, payload, {
          storeId: scope.storeId,
          subjectId: endpoint!.id,
          maxAttempts: DELIVERY_ATTEMPTS,
        });
      }
      return { event, endpointIds: endpoints.map((e) => e!.id) };
    });
  }

  /** Pairs whose most recent attempt since `since` failed, oldest first. */
  async failed(filter: FailedFilter): Promise<FailedDelivery[]> {
    const em = this.orm.em.fork();
    const rows = await em.execute<{ event_id: string; endpoint_id: string; store_id: string; id: string; started_at: unknown }[]>(
      `select d.event_id, d.endpoint_id, d.store_id, d.id, d.started_at from webhook_deliveries d
        where d.started_at >= ? and d.status = 'failed'
          ${filter.storeId ? 'and d.store_id = ?' : ''} ${filter.endpointId ? 'and d.endpoint_id = ?' : ''}
          and d.id = (select max(l.id) from webhook_deliveries l where l.event_id = d.event_id and l.endpoint_id = d.endpoint_id)
        order by d.id`,
      [dbDate(em, filter.since), ...(filter.storeId ? [filter.storeId] : []), ...(filter.endpointId ? [filter.endpointId] : [])],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      endpointId: r.endpoint_id,
      storeId: r.store_id,
      lastAttemptId: r.id,
      startedAt: new Date(r.started_at as string),
    }));
  }

  /**
   * Queues one failed pair again. Keyed by its last failed attempt, so re-running an
   * interrupted bulk replay never queues the same pair twice: false when it already was.
   */
  async replay(failed: FailedDelivery): Promise<boolean> {
    const payload: DeliveryPayload = { event_id: failed.eventId, endpoint_id: failed.endpointId, trigger: 'replay' };
    const id = await this.jobs.enqueue(this.orm.em.fork(), DELIVER_WEBHOOK, payload, {
      storeId: failed.storeId,
      subjectId: failed.endpointId,
      dedupeKey: `whr:${failed.lastAttemptId}`,
      maxAttempts: DELIVERY_ATTEMPTS,
    });
    return id !== null;
  }
}
