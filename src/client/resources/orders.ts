import type { HttpClient, RequestOptions } from '../http-client.js';
import { path } from '../path.js';
import type { CreateOrderParams, ListOrdersParams, Order } from '../types.js';
import { Listing } from './listing.js';

export class Orders extends Listing<Order, ListOrdersParams> {
  constructor(http: HttpClient) {
    super(http, '/v1/orders');
  }

  /** Totals are computed from the items. */
  create(params: CreateOrderParams, options?: RequestOptions): Promise<Order> {
    return this.http.request({ method: 'POST', path: '/v1/orders', body: params }, options);
  }

  /** Only while no payment is approved. */
  cancel(id: string, options?: RequestOptions): Promise<Order> {
    return this.http.request({ method: 'POST', path: path`/v1/orders/${id}/cancel` }, options);
  }
}
