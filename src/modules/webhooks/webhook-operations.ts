import type { FilterQuery } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import { notFound } from '../../shared/errors.js';
import { EventSchema } from '../events/event.entity.js';
import { JobSchema } from '../jobs/job.entity.js';
import { findStore } from '../stores/find-store.js';
import { DELIVER_WEBHOOK } from './fan-out.js';
import { WebhookDeliverySchema, type WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpointSchema, type WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookReplayService } from './webhook-replay.service.js';

export interface EndpointHealth {
  endpoint: WebhookEndpoint;
  /** Deliveries queued or running for it right now. */
  pending: number;
}

export interface AttemptFilter {
  storeId?: string;
  endpointId?: string;
  status?: 'succeeded' | 'failed';
  since?: Date;
  limit: number;
}

/** What operators see and do across stores and modes (the `baas webhooks` commands). */
export class WebhookOperations {
  constructor(
    private readonly orm: Orm,
    private readonly replay: WebhookReplayService,
  ) {}

  async endpointsOf(storeIdOrSlug: string): Promise<EndpointHealth[]> {
    const em = this.orm.em.fork();
    const store = await findStore(em, storeIdOrSlug);
    const endpoints = await em.find(WebhookEndpointSchema, { store }, { filters: false, orderBy: { id: 'desc' } });
    const health: EndpointHealth[] = [];
    for (const endpoint of endpoints) {
      const pending = await em.count(JobSchema, { type: DELIVER_WEBHOOK, subjectId: endpoint.id, status: { $in: ['queued', 'running'] } });
      health.push({ endpoint, pending });
    }
    return health;
  }

  async attempts(filter: AttemptFilter): Promise<WebhookDelivery[]> {
    const where: FilterQuery<WebhookDelivery> = {
      ...(filter.storeId ? { store: filter.storeId } : {}),
      ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.since ? { startedAt: { $gte: filter.since } } : {}),
    };
    return this.orm.em.fork().find(WebhookDeliverySchema, where, { filters: false, orderBy: { id: 'desc' }, limit: filter.limit });
  }

  /** Re-sends one event (to one endpoint, or to all that want it) in the event's own store and mode. */
  async redeliverEvent(eventId: string, endpointId?: string) {
    const event = await this.orm.em.fork().findOne(EventSchema, { id: eventId }, { filters: false });
    if (!event) throw notFound('resource_missing', `No such event: ${eventId}`);
    const storeId = event.store.id;
    return this.replay.redeliver({ storeId, mode: event.livemode ? 'live' : 'test', requestId: null }, eventId, endpointId);
  }
}
