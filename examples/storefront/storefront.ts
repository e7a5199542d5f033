import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// In your own project: import { BaasClient, verifyWebhook, … } from 'ecommerce-baas/client';
import { BaasClient, BaasError, verifyWebhook, WebhookVerificationError } from '../../src/client/index.js';
import { OrderBook } from './order-book.js';
import { catalogPage, orderPage, PRODUCT } from './pages.js';
import { sandboxCardToken } from './sandbox-card.js';

export interface StorefrontOptions {
  /** Where baas answers, e.g. http://127.0.0.1:4000. */
  baasUrl: string;
  /** A test secret key of the store (`sk_test_…`). */
  apiKey: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The URL baas reaches this shop at; http://<host>:<port> by default. */
  publicUrl?: string;
}

export interface Storefront {
  url: string;
  orders: OrderBook;
  stop(): Promise<void>;
}

/**
 * A minimal shop on baas: it registers its own webhook endpoint, sells one product, takes the
 * payment on Checkout Pro or by a sandbox card, and shows each order as its verified webhooks
 * tell it.
 */
export async function startStorefront(options: StorefrontOptions): Promise<Storefront> {
  const baas = new BaasClient({ baseUrl: options.baasUrl, apiKey: options.apiKey });
  const store = await baas.store.retrieve();
  const orders = new OrderBook();
  let secret = '';

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof BaasError ? error.status : 500;
      send(res, status, 'text/plain', error instanceof BaasError ? `baas said ${error.code}: ${error.message}` : String(error));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://storefront');
    const [, first, id, action] = url.pathname.split('/');
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html', catalogPage(store.currency));
    if (req.method === 'POST' && url.pathname === '/webhooks') return receiveWebhook(req, res);
    if (first !== 'orders') return send(res, 404, 'text/plain', 'Not found');
    if (req.method === 'POST' && !id) {
      const form = new URLSearchParams(await readBody(req));
      const order = await baas.orders.create({
        items: [{ ...PRODUCT, quantity: Number(form.get('quantity') ?? 1) }],
        customer: { email: form.get('email') || undefined },
      });
      orders.remember(order);
      return redirect(res, `/orders/${order.id}`);
    }
    if (req.method === 'GET' && id && !action) {
      const known = orders.get(id) ?? orders.remember(await baas.orders.retrieve(id));
      return send(res, 200, 'text/html', orderPage(known));
    }
    if (req.method === 'POST' && id && action === 'checkout') {
      const back = `${shopUrl}/orders/${id}`;
      const checkout = await baas.checkouts.create(id, { success_url: back, failure_url: back, pending_url: back });
      return redirect(res, checkout.url);
    }
    if (req.method === 'POST' && id && action === 'pay') {
      const form = new URLSearchParams(await readBody(req));
      const order = orders.get(id)?.order ?? (await baas.orders.retrieve(id));
      await baas.payments.create({
        order_id: id,
        method: 'card',
        token: await sandboxCardToken(options.baasUrl, form.get('cardholder') ?? 'APRO'),
        payment_method_id: 'master',
        payer: { email: order.customer.email ?? 'buyer@example.com' },
      });
      // The page shows the status once the webhook says so, not from this answer.
      return redirect(res, `/orders/${id}`);
    }
    return send(res, 404, 'text/plain', 'Not found');
  }

  async function receiveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    try {
      orders.apply(verifyWebhook(body, req.headers, secret));
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return send(res, 400, 'text/plain', error.message);
    }
    send(res, 204, 'text/plain', '');
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const shopUrl = options.publicUrl ?? `http://${address.address}:${address.port}`;
  const hookUrl = `${shopUrl}/webhooks`;

  // A previous run that did not stop cleanly left its endpoint behind: one endpoint per URL.
  for await (const endpoint of baas.webhookEndpoints.iterate()) {
    if (endpoint.url === hookUrl) await baas.webhookEndpoints.delete(endpoint.id);
  }
  const endpoint = await baas.webhookEndpoints.create({
    url: hookUrl,
    enabled_events: ['order.*', 'payment.*'],
    description: 'example storefront',
  });
  secret = endpoint.secret!;

  return {
    url: shopUrl,
    orders,
    stop: async () => {
      await baas.webhookEndpoints.delete(endpoint.id);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` }).end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location }).end();
}
