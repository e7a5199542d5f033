import type { HttpClient, RequestOptions } from '../http-client.js';
import type { PublicConfig, Store } from '../types.js';

export class StoreResource {
  constructor(private readonly http: HttpClient) {}

  /** The key's own store: the quickest check that a key works. */
  retrieve(options?: RequestOptions): Promise<Store> {
    return this.http.request({ method: 'GET', path: '/v1/store' }, options);
  }
}

export class PublicConfigResource {
  constructor(private readonly http: HttpClient) {}

  /** What a browser needs (the Mercado Pago public key for Bricks, currency, locale); a publishable key will do. */
  retrieve(options?: RequestOptions): Promise<PublicConfig> {
    return this.http.request({ method: 'GET', path: '/v1/public/config' }, options);
  }
}
