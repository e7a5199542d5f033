import type { HttpClient, RequestOptions } from '../http-client.js';
import { path } from '../path.js';
import type { Checkout, CreateCheckoutParams } from '../types.js';

export class Checkouts {
  constructor(private readonly http: HttpClient) {}

  /** A Mercado Pago Checkout Pro link for a pending order: send the buyer to `url`; the payment arrives by webhook. */
  create(orderId: string, params: CreateCheckoutParams = {}, options?: RequestOptions): Promise<Checkout> {
    return this.http.request({ method: 'POST', path: path`/v1/orders/${orderId}/checkout`, body: params }, options);
  }
}
