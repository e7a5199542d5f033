import { dbDate, type Orm } from '../../../src/db/orm.js';
import { multiRowInsert } from '../../../src/db/multi-row-insert.js';
import { newId } from '../../../src/shared/ids.js';

/**
 * Rows written straight into the tables usage counts from, at the instants a test names (the
 * services stamp rows with the real time): month edges, months long gone, a million requests.
 * Multi-row inserts in one transaction: a million rows take seconds, not minutes.
 */
type Row = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value);

export const rows = {
  request: (storeId: string, livemode: boolean, at: Date): Row => ({
    id: newId('log'),
    at,
    level: 'info',
    kind: 'request',
    summary: 'GET /v1/orders → 200',
    store_id: storeId,
    livemode,
    outcome: '200',
  }),
  /** Activity that is not a request (an event, a job run): never counted as one. */
  otherActivity: (storeId: string, livemode: boolean, at: Date): Row => ({
    id: newId('log'),
    at,
    level: 'info',
    kind: 'event',
    summary: 'order.created',
    store_id: storeId,
    livemode,
  }),
  order: (storeId: string, livemode: boolean, at: Date): Row => ({
    id: newId('ord'),
    store_id: storeId,
    livemode,
    status: 'pending',
    currency: 'BRL',
    items: json([]),
    amount_subtotal: 1000,
    shipping_amount: 0,
    amount_total: 1000,
    customer: json({}),
    notify: json({ email: false, whatsapp: false }),
    metadata: json({}),
    created_at: at,
    updated_at: at,
  }),
  payment: (
    storeId: string,
    livemode: boolean,
    at: Date,
    status = 'approved',
    amount = 1000,
    currency = 'BRL',
    providerId?: string,
  ): Row => ({
    id: newId('pay'),
    store_id: storeId,
    livemode,
    order_id: 'ord_seeded',
    status,
    amount,
    currency,
    method: 'card',
    provider: 'mercadopago',
    provider_payment_id: providerId ?? null,
    created_at: at,
    updated_at: at,
  }),
  refund: (storeId: string, livemode: boolean, at: Date, amount = 500, status = 'succeeded'): Row => ({
    id: newId('re'),
    store_id: storeId,
    livemode,
    payment_id: 'pay_seeded',
    amount,
    currency: 'BRL',
    status,
    created_at: at,
    updated_at: at,
  }),
  delivery: (storeId: string, livemode: boolean, at: Date, status: 'succeeded' | 'failed' = 'succeeded'): Row => ({
    id: newId('wd'),
    store_id: storeId,
    livemode,
    endpoint_id: 'we_seeded',
    event_id: 'evt_seeded',
    attempt: 1,
    trigger: 'scheduled',
    status,
    duration_ms: 12,
    started_at: at,
  }),
  message: (storeId: string, livemode: boolean, at: Date, channel = 'whatsapp', status = 'read', wamid?: string): Row => ({
    id: newId('msg'),
    store_id: storeId,
    livemode,
    channel,
    to_address: '+5511987654321',
    template: 'order_paid',
    locale: 'pt-BR',
    status,
    content: json({ channel }),
    provider_message_id: wamid ?? null,
    created_at: at,
    updated_at: at,
  }),
  notification: (storeId: string, at: Date, provider: 'mercadopago' | 'whatsapp', resourceId: string): Row => ({
    id: newId('ntf'),
    store_id: storeId,
    provider,
    format: 'webhook',
    topic: provider === 'mercadopago' ? 'payment' : 'messages',
    resource_id: resourceId,
    signature: 'valid',
    query: '',
    body: '{}',
    status: 'processed',
    received_at: at,
  }),
};

/** Bound parameters per statement: SQLite allows 32,766. */
const MAX_PARAMS = 30_000;

/** Inserts rows into `table`; the first names the columns, and a column another row lacks is null there. */
export async function insertRows(orm: Orm, table: string, records: Row[]): Promise<void> {
  if (records.length === 0) return;
  const em = orm.em.fork();
  const columns = Object.keys(records[0]!);
  const batch = Math.floor(MAX_PARAMS / columns.length);
  await em.getKnex().transaction(async (trx) => {
    for (let start = 0; start < records.length; start += batch) {
      const values = records
        .slice(start, start + batch)
        .map((record) =>
          columns.map((column) => (record[column] instanceof Date ? dbDate(em, record[column] as Date) : (record[column] ?? null))),
        );
      const { sql, params } = multiRowInsert(table, columns, values);
      await trx.raw(sql, params as never[]);
    }
  });
}

/** Backdates a store (rows before a store existed are not looked for). */
export async function storeCreatedAt(orm: Orm, storeId: string, at: Date): Promise<void> {
  const em = orm.em.fork();
  await em.execute('update stores set created_at = ? where id = ?', [dbDate(em, at), storeId]);
}
