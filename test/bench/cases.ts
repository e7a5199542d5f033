import type { Load, LoadResult } from './load.js';
import { benchApi, ORDER } from './api.js';

export interface OrderFigures {
  get: LoadResult;
  post: LoadResult;
}

/** The two API cases measured on every server the bench starts: an authenticated read and a write that records an event. */
export async function benchOrders(load: Load, baseUrl: string, key: string): Promise<OrderFigures> {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const { id } = await benchApi(baseUrl, key).post('/v1/orders', ORDER);
  const get = await load({ url: `${baseUrl}/v1/orders/${id}`, headers });
  const post = await load({ url: `${baseUrl}/v1/orders`, method: 'POST', headers, body: JSON.stringify(ORDER) });
  return { get, post };
}
