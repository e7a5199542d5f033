import type { Knex } from '@mikro-orm/knex';
import { dbDate, type Db, type Orm } from '../../db/orm.js';
import { ACTIVITY_LEVELS, ActivitySchema, type Activity, type ActivityLevel } from './activity.entity.js';

export interface ActivityFilter {
  storeId?: string;
  /** The order's whole story: its rows, its payments', its messages', and the provider's notifications about its payments. */
  orderId?: string;
  /** The payment's rows and the provider's notifications about it. */
  paymentId?: string;
  requestId?: string;
  kinds?: string[];
  /** This level and above. */
  level?: ActivityLevel;
  since?: Date;
  until?: Date;
}

/** `newest`: the last `limit` rows (a tail); `oldest`: the first `limit` (a timeline, or following from `since`). Both come in time order. */
export type ActivityWindow = 'newest' | 'oldest';

/** Reads the activity log: filtered pages for `baas logs`, and an order's timeline. */
export class ActivityQueries {
  constructor(private readonly orm: Orm) {}

  async list(filter: ActivityFilter, limit: number, window: ActivityWindow = 'newest'): Promise<Activity[]> {
    const em = this.orm.em.fork();
    const knex = em.getKnex();
    const direction = window === 'newest' ? 'desc' : 'asc';
    const query = knex.select('a.*').orderBy([
      { column: 'a.at', order: direction },
      { column: 'a.id', order: direction },
    ]);
    const [driving, ...more] = [
      ...(filter.orderId ? [this.rowsOfOrder(knex, filter.orderId)] : []),
      ...(filter.paymentId ? [this.rowsOfPayments(knex, 'id', filter.paymentId)] : []),
    ];
    // An order's or a payment's rows are a few among millions, found through four indexes. Asked
    // as an OR beside store_id and kind, SQLite walks the store's rows instead (~0.6 s in a
    // store of a million); CROSS JOIN makes it start from the ids, as PostgreSQL would anyway.
    if (driving) query.from(driving.as('ids')).crossJoin(knex.ref('activity_log').as('a')).where('a.id', knex.ref('ids.id'));
    else query.from({ a: 'activity_log' });
    for (const rows of more) query.whereIn('a.id', rows);
    this.narrow(em, query, filter);
    const rows = await em.execute<Record<string, unknown>[]>(query.limit(limit));
    const found = rows.map((row) => em.map(ActivitySchema, row));
    return window === 'newest' ? found.reverse() : found;
  }

  private narrow(em: Db, query: Knex.QueryBuilder, filter: ActivityFilter): void {
    if (filter.storeId) query.where('a.store_id', filter.storeId);
    if (filter.requestId) query.where('a.request_id', filter.requestId);
    if (filter.kinds?.length) query.whereIn('a.kind', filter.kinds);
    if (filter.level) query.whereIn('a.level', ACTIVITY_LEVELS.slice(ACTIVITY_LEVELS.indexOf(filter.level)));
    if (filter.since) query.where('a.at', '>=', dbDate(em, filter.since));
    if (filter.until) query.where('a.at', '<=', dbDate(em, filter.until));
  }

  /** Ids of the order's rows, its payments', its messages' (a WhatsApp status knows only its message) and the provider's about its payments. */
  private rowsOfOrder(knex: Knex, orderId: string): Knex.QueryBuilder {
    const messages = knex
      .select('m.id')
      .from({ o: 'orders' })
      .join({ m: 'messages' }, (on) => on.on('m.store_id', 'o.store_id').andOn('m.livemode', 'o.livemode').andOn('m.order_id', 'o.id'))
      .where('o.id', orderId);
    return this.rowsOfPayments(knex, 'order_id', orderId)
      .union(knex.select('id').from('activity_log').where('order_id', orderId))
      .union(knex.select('id').from('activity_log').whereIn('message_id', messages));
  }

  /** Ids of the rows of the payments whose `column` is `value`, and of the provider's notifications and calls about them (which know only the provider's id). */
  private rowsOfPayments(knex: Knex, column: 'id' | 'order_id', value: string): Knex.QueryBuilder {
    const payments = (answer: string) => knex.select(`p.${answer}`).from({ p: 'payments' }).where(`p.${column}`, value);
    return knex
      .select('id')
      .from('activity_log')
      .whereIn('payment_id', payments('id'))
      .union(knex.select('id').from('activity_log').whereIn('provider_ref', payments('provider_payment_id')));
  }
}
