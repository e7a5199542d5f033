import type { HttpClient, RequestOptions } from '../http-client.js';
import { path } from '../path.js';
import type { CreatePaymentParams, CreateRefundParams, ListPaymentsParams, Payment, Refund } from '../types.js';
import { Listing } from './listing.js';

export class Payments extends Listing<Payment, ListPaymentsParams> {
  constructor(http: HttpClient) {
    super(http, '/v1/payments');
  }

  /** By card (a Bricks token) or Pix; the answer carries the resulting status. */
  create(params: CreatePaymentParams, options?: RequestOptions): Promise<Payment> {
    return this.http.request({ method: 'POST', path: '/v1/payments', body: params }, options);
  }

  /** Without `amount`, whatever has not been refunded yet. */
  refund(id: string, params: CreateRefundParams = {}, options?: RequestOptions): Promise<Refund> {
    return this.http.request({ method: 'POST', path: path`/v1/payments/${id}/refunds`, body: params }, options);
  }

  /** Re-reads the payment from Mercado Pago now and applies it. */
  sync(id: string, options?: RequestOptions): Promise<Payment> {
    return this.http.request({ method: 'POST', path: path`/v1/payments/${id}/sync` }, options);
  }

  /** Pending, in-process or authorized payments only. */
  cancel(id: string, options?: RequestOptions): Promise<Payment> {
    return this.http.request({ method: 'POST', path: path`/v1/payments/${id}/cancel` }, options);
  }
}
