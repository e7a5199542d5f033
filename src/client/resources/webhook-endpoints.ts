import type { HttpClient, RequestOptions } from '../http-client.js';
import { paginate } from '../pagination.js';
import { path } from '../path.js';
import type {
  CreateWebhookEndpointParams,
  DeletedWebhookEndpoint,
  List,
  ListDeliveriesParams,
  ListWebhookEndpointsParams,
  RotateSecretParams,
  UpdateWebhookEndpointParams,
  WebhookDelivery,
  WebhookEndpoint,
} from '../types.js';
import { Listing } from './listing.js';

export class WebhookEndpoints extends Listing<WebhookEndpoint, ListWebhookEndpointsParams> {
  constructor(http: HttpClient) {
    super(http, '/v1/webhook_endpoints');
  }

  /** The answer's `secret` (`whsec_…`) is shown only here and by rotateSecret: keep it. */
  create(params: CreateWebhookEndpointParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'POST', path: '/v1/webhook_endpoints', body: params }, options);
  }

  update(id: string, params: UpdateWebhookEndpointParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'PATCH', path: path`/v1/webhook_endpoints/${id}`, body: params }, options);
  }

  delete(id: string, options?: RequestOptions): Promise<DeletedWebhookEndpoint> {
    return this.http.request({ method: 'DELETE', path: path`/v1/webhook_endpoints/${id}` }, options);
  }

  /** A new secret now; the current one keeps signing beside it for `expire_current_in` seconds (a day by default). */
  rotateSecret(id: string, params: RotateSecretParams = {}, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.http.request({ method: 'POST', path: path`/v1/webhook_endpoints/${id}/rotate_secret`, body: params }, options);
  }

  /** Delivery attempts to this endpoint, newest first. */
  listDeliveries(id: string, params: ListDeliveriesParams = {}, options?: RequestOptions): Promise<List<WebhookDelivery>> {
    return this.http.request({ method: 'GET', path: path`/v1/webhook_endpoints/${id}/deliveries`, query: params }, options);
  }

  iterateDeliveries(
    id: string,
    params: ListDeliveriesParams = {},
    options?: RequestOptions,
  ): AsyncGenerator<WebhookDelivery, void, undefined> {
    return paginate((page) => this.listDeliveries(id, page, options), params);
  }
}
