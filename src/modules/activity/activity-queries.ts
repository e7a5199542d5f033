import type { FilterQuery } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
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
    const direction = window === 'newest' ? 'desc' : 'asc';
    const rows = await this.orm.em
      .fork()
      .find(ActivitySchema, await this.where(filter), { orderBy: { at: direction, id: direction }, limit });
    return window === 'newest' ? rows.reverse() : rows;
  }

  private async where(filter: ActivityFilter): Promise<FilterQuery<Activity>> {
    const and: FilterQuery<Activity>[] = [];
    if (filter.storeId) and.push({ storeId: filter.storeId });
    if (filter.requestId) and.push({ requestId: filter.requestId });
    if (filter.kinds?.length) and.push({ kind: { $in: filter.kinds } });
    if (filter.level) and.push({ level: { $in: ACTIVITY_LEVELS.slice(ACTIVITY_LEVELS.indexOf(filter.level)) } });
    if (filter.since) and.push({ at: { $gte: filter.since } });
    if (filter.until) and.push({ at: { $lte: filter.until } });
    if (filter.orderId) and.push(await this.ofOrder(filter.orderId));
    if (filter.paymentId) and.push(await this.ofPayments(`select id, provider_payment_id from payments where id = ?`, [filter.paymentId]));
    return and.length ? { $and: and } : {};
  }

  private async ofOrder(orderId: string): Promise<FilterQuery<Activity>> {
    const em = this.orm.em.fork();
    const messages = await em.getConnection().execute<{ id: string }[]>('select id from messages where order_id = ?', [orderId]);
    const payments = await this.ofPayments('select id, provider_payment_id from payments where order_id = ?', [orderId]);
    return { $or: [{ orderId }, payments, ...(messages.length ? [{ messageId: { $in: messages.map((m) => m.id) } }] : [])] };
  }

  /** Rows of these payments, and the provider's notifications and calls about them (which know only the provider's id). */
  private async ofPayments(sql: string, params: unknown[]): Promise<FilterQuery<Activity>> {
    const found = await this.orm.em.fork().getConnection().execute<{ id: string; provider_payment_id: string | null }[]>(sql, params);
    const ids = found.map((p) => p.id);
    const refs = found.flatMap((p) => (p.provider_payment_id ? [p.provider_payment_id] : []));
    return { $or: [{ paymentId: { $in: ids.length ? ids : ['-'] } }, ...(refs.length ? [{ providerRef: { $in: refs } }] : [])] };
  }
}
