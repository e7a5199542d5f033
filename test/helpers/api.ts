import type { TestServer } from './server.js';

export interface Tenant {
  storeId: string;
  keys: { test: string; live: string; publishable: string };
}

/** A store with a test and a live secret key and a test publishable key. */
export async function createTenant(server: TestServer, name = 'Loja Teste', currency = 'BRL'): Promise<Tenant> {
  const { store, testKey } = await server.instance.stores.create({ name, currency, locale: 'pt-BR' });
  const live = await server.instance.keys.create(store.id, 'live', 'secret');
  const publishable = await server.instance.keys.create(store.id, 'test', 'publishable');
  return { storeId: store.id, keys: { test: testKey.secret, live: live.secret, publishable: publishable.secret } };
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One API call with a key: JSON in, the raw Response out. */
export function call(server: TestServer, key: string | null, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return server.request(path, {
    method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
}

export const SAMPLE_ORDER = {
  items: [{ sku: 'TSHIRT-M', name: 'Camiseta', quantity: 2, unit_amount: 4990 }],
  shipping_amount: 1500,
  customer: { email: 'ana@example.com', name: 'Ana Souza', phone: '+5511987654321', locale: 'pt-BR' },
};

/** The types of the events that match `query` (e.g. `order_id=ord_…`), oldest first. */
export async function eventTypes(server: TestServer, key: string, query = ''): Promise<string[]> {
  const page = (await (await call(server, key, `/v1/events?${query}&limit=100`)).json()) as { data: { type: string }[]; has_more: boolean };
  if (page.has_more) throw new Error(`more than 100 events match ${query}`);
  return page.data.map((event) => event.type).reverse();
}

/** Automatic messages follow a payment at their own pace: a payment's story is told without them. */
export const withoutMessages = (types: string[]) => types.filter((type) => !type.startsWith('message.'));
