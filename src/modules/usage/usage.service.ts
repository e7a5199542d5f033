import type { Db, Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { findStore } from '../stores/find-store.js';
import { StoreSchema, type Store } from '../stores/store.entity.js';
import type { Scope } from '../tenancy/scope.js';
import { countFigures } from './count-figures.js';
import { keptSince, type Retention } from './retention.js';
import { resolvePeriod, type Period } from './usage-period.js';
import type { Usage } from './usage.json.js';

/**
 * What each store used, per mode and period: the figures an agency charges its monthly fee by.
 * Counted from the records already kept (orders, payments, refunds, messages, notifications),
 * and from daily roll-ups of the two that are purged (API requests, webhook deliveries). Test
 * and live are never added together: every report is of one mode.
 */
export class UsageService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly retention: Retention,
  ) {}

  /** One store's usage (by id or slug), or every store's by name; each over the period read on its own clock. */
  async report(filter: { store?: string }, livemode: boolean, period: Period): Promise<Usage[]> {
    const em = this.orm.em.fork();
    const stores = filter.store
      ? [await findStore(em, filter.store)]
      : await em.find(StoreSchema, {}, { orderBy: { name: 'asc', id: 'asc' } });
    const reports: Usage[] = [];
    for (const store of stores) reports.push(await this.ofStore(em, store, livemode, period));
    return reports;
  }

  /** The key's own store and mode: what GET /v1/usage answers. */
  async forScope(scope: Scope, period: Period): Promise<Usage> {
    const em = this.orm.em.fork();
    return this.ofStore(em, await em.findOneOrFail(StoreSchema, { id: scope.storeId }), scope.mode === 'live', period);
  }

  private async ofStore(em: Db, store: Store, livemode: boolean, period: Period): Promise<Usage> {
    const now = this.clock.now();
    const resolved = resolvePeriod(period, store.timezone, now);
    const window = { storeId: store.id, livemode, from: resolved.from, to: resolved.to };
    return {
      object: 'usage',
      store_id: store.id,
      store_name: store.name,
      livemode,
      period: { from: resolved.from.toISOString(), to: resolved.to.toISOString(), timezone: resolved.timezone, month: resolved.month },
      ...(await countFigures(em, window, store.createdAt, keptSince(now, this.retention))),
    };
  }
}
