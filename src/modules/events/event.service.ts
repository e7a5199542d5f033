import type { Orm } from '../../db/orm.js';
import { paginate, type Page } from '../../db/paginate.js';
import { notFound } from '../../shared/errors.js';
import { scopedEm, type Scope } from '../tenancy/scope.js';
import type { ListEvents } from './event.json.js';
import { EventSchema, type Event } from './event.entity.js';

export class EventService {
  constructor(private readonly orm: Orm) {}

  async list(scope: Scope, query: ListEvents): Promise<Page<Event>> {
    return paginate(
      scopedEm(this.orm, scope),
      EventSchema,
      {
        ...(query.type ? { type: query.type } : {}),
        ...(query.order_id ? { orderId: query.order_id } : {}),
        ...(query.payment_id ? { paymentId: query.payment_id } : {}),
      },
      query,
    );
  }

  async get(scope: Scope, id: string): Promise<Event> {
    const event = await scopedEm(this.orm, scope).findOne(EventSchema, { id });
    if (!event) throw notFound('resource_missing', `No such event: ${id}`);
    return event;
  }
}
