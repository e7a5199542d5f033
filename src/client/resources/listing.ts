import type { HttpClient, Query, RequestOptions } from '../http-client.js';
import { paginate } from '../pagination.js';
import type { List } from '../types.js';

/**
 * A resource with ids under one path (`/v1/orders`): retrieve one, list a page, or iterate over
 * all pages. List parameters are all optional filters (QueryOf in types.ts), so `{}` is one.
 */
export class Listing<Item extends { id: string }, ListParams extends Query> {
  constructor(
    protected readonly http: HttpClient,
    protected readonly basePath: string,
  ) {}

  retrieve(id: string, options?: RequestOptions): Promise<Item> {
    return this.http.request({ method: 'GET', path: `${this.basePath}/${encodeURIComponent(id)}` }, options);
  }

  /** One page, newest first. */
  list(params: ListParams = {} as ListParams, options?: RequestOptions): Promise<List<Item>> {
    return this.http.request({ method: 'GET', path: this.basePath, query: params }, options);
  }

  /** Every item matching `params`, fetching page after page as the loop goes on. */
  iterate(params: ListParams = {} as ListParams, options?: RequestOptions): AsyncGenerator<Item, void, undefined> {
    return paginate((page) => this.list(page, options), params);
  }
}
