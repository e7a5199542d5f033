import { HttpClient, type ClientOptions } from './http-client.js';
import { Checkouts } from './resources/checkouts.js';
import { Events } from './resources/events.js';
import { Messages } from './resources/messages.js';
import { Orders } from './resources/orders.js';
import { Payments } from './resources/payments.js';
import { PublicConfigResource, StoreResource } from './resources/store.js';
import { WebhookEndpoints } from './resources/webhook-endpoints.js';

/**
 * The baas API for a storefront's server:
 * `const baas = new BaasClient({ apiKey: process.env.BAAS_API_KEY! }); await baas.orders.create({…})`.
 */
export class BaasClient {
  readonly orders: Orders;
  readonly checkouts: Checkouts;
  readonly payments: Payments;
  readonly events: Events;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly messages: Messages;
  readonly store: StoreResource;
  readonly publicConfig: PublicConfigResource;

  constructor(options: ClientOptions) {
    const http = new HttpClient(options);
    this.orders = new Orders(http);
    this.checkouts = new Checkouts(http);
    this.payments = new Payments(http);
    this.events = new Events(http);
    this.webhookEndpoints = new WebhookEndpoints(http);
    this.messages = new Messages(http);
    this.store = new StoreResource(http);
    this.publicConfig = new PublicConfigResource(http);
  }
}
