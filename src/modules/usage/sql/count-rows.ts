import { dbDate, type Db } from '../../../db/orm.js';

/** A store's rows of one mode from `from` (inclusive) to `to` (exclusive). */
export interface StoreWindow {
  storeId: string;
  livemode: boolean;
  from: Date;
  to: Date;
}

/** A table usage counts from, and the column that places a row in time. Names come from code, never from input. */
export interface UsageSource {
  table: string;
  at: string;
  /** A fixed condition on top of the window (which rows of the table count). */
  where?: string;
}

export const SOURCES = {
  requests: { table: 'activity_log', at: 'at', where: "kind = 'request'" },
  deliveries: { table: 'webhook_deliveries', at: 'started_at' },
  orders: { table: 'orders', at: 'created_at' },
  payments: { table: 'payments', at: 'created_at' },
  refunds: { table: 'refunds', at: 'created_at' },
  messages: { table: 'messages', at: 'created_at' },
} as const satisfies Record<string, UsageSource>;

export type CountedRow<K extends string> = Record<K, string> & { n: number; amount: number };

/**
 * How many of the window's rows there are, grouped by the columns `by` (none: one row), with
 * the sum of their `amount` when asked. Each source has an index that starts with store_id,
 * livemode and its time column (Migration0012Usage), so this is a range read.
 */
export async function countRows<K extends string = never>(
  em: Db,
  source: UsageSource,
  window: StoreWindow,
  options: { by?: K[]; amount?: boolean } = {},
): Promise<CountedRow<K>[]> {
  const by = options.by ?? [];
  const select = [...by, 'count(*) as n', ...(options.amount ? ['coalesce(sum(amount), 0) as amount'] : [])].join(', ');
  const rows = await em.execute<Record<string, unknown>[]>(
    `select ${select} from ${source.table}
      where store_id = ? and livemode = ? and ${source.at} >= ? and ${source.at} < ?${source.where ? ` and ${source.where}` : ''}
      ${by.length ? `group by ${by.join(', ')}` : ''}`,
    [window.storeId, window.livemode, dbDate(em, window.from), dbDate(em, window.to)],
  );
  // PostgreSQL answers count() and sum() of bigints as strings.
  return rows.map((row) => ({ ...row, n: Number(row.n), amount: Number(row.amount ?? 0) }) as CountedRow<K>);
}

/** The one number of an ungrouped count. */
export async function countOf(em: Db, source: UsageSource, window: StoreWindow): Promise<number> {
  const [row] = await countRows(em, source, window);
  return row?.n ?? 0;
}
