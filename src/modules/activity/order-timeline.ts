import type { Orm } from '../../db/orm.js';
import { notFound } from '../../shared/errors.js';
import { OrderSchema } from '../orders/order.entity.js';
import { scopedEm, type Scope } from '../tenancy/scope.js';
import type { Activity } from './activity.entity.js';
import { PUBLIC_KINDS } from './activity.json.js';
import { ActivityQueries } from './activity-queries.js';

/** More than any order's story should need; past it, the answer says has_more. */
export const TIMELINE_LIMIT = 1000;

/** An order's story for its storefront (GET /v1/orders/:id/timeline), oldest first. */
export class OrderTimeline {
  private readonly queries: ActivityQueries;

  constructor(private readonly orm: Orm) {
    this.queries = new ActivityQueries(orm);
  }

  async forOrder(scope: Scope, orderId: string): Promise<{ data: Activity[]; hasMore: boolean }> {
    // The order decides the scope: another store's or mode's id is 404, like any unknown one.
    if (!(await scopedEm(this.orm, scope).findOne(OrderSchema, { id: orderId }, { fields: ['id'] }))) {
      throw notFound('resource_missing', `No such order: ${orderId}`);
    }
    const rows = await this.queries.list({ storeId: scope.storeId, orderId, kinds: PUBLIC_KINDS }, TIMELINE_LIMIT + 1, 'oldest');
    return { data: rows.slice(0, TIMELINE_LIMIT), hasMore: rows.length > TIMELINE_LIMIT };
  }
}
