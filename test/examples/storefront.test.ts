import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startStorefront, type Storefront } from '../../examples/storefront/storefront.js';
import { createTenant } from '../helpers/api.js';
import { waitFor } from '../helpers/mercadopago.js';
import { json, startTestServer, type TestServer } from '../helpers/server.js';

const ALLOW_PRIVATE = { env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } };

/** What a buyer's browser does with a form: POST it and get the redirect. */
async function submit(url: string, fields: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  expect(response.status).toBe(303);
  return response.headers.get('location')!;
}

/** The status the order page shows. */
async function shownStatus(url: string): Promise<string> {
  const page = await (await fetch(url)).text();
  return /data-status="([a-z_]+)"/.exec(page)![1]!;
}

async function buy(shop: Storefront): Promise<{ orderId: string; page: string }> {
  const location = await submit(`${shop.url}/orders`, { quantity: '2', email: 'ana@example.com' });
  expect(location).toMatch(/^\/orders\/ord_/);
  return { orderId: location.split('/')[2]!, page: `${shop.url}${location}` };
}

async function endpointUrls(server: TestServer, key: string): Promise<string[]> {
  const list = await json(await server.request('/v1/webhook_endpoints', { headers: { authorization: `Bearer ${key}` } }));
  return list.data.map((endpoint: { url: string }) => endpoint.url);
}

describe('the example storefront, end to end against the sandbox', () => {
  it('order → sandbox card payment → verified webhooks → the page shows it paid', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const shop = await startStorefront({ baasUrl: server.url, apiKey: keys.test, port: 0 });
    expect(await endpointUrls(server, keys.test)).toEqual([`${shop.url}/webhooks`]);

    const { orderId, page } = await buy(shop);
    expect(await shownStatus(page)).toBe('pending');
    expect(await submit(`${page}/pay`, { cardholder: 'APRO' })).toBe(`/orders/${orderId}`);

    expect(await waitFor(async () => (await shownStatus(page)) === 'paid', 10_000, 'the order page to show paid')).toBe(true);
    const types = shop.orders.get(orderId)!.events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['order.created', 'payment.approved', 'order.paid']));
    expect((await (await fetch(page)).text()).match(/approved/)).toBeTruthy();

    await shop.stop();
    expect(await endpointUrls(server, keys.test)).toEqual([]);
  });

  it('Checkout Pro: the buyer pays on the hosted page and comes back to a paid order', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const shop = await startStorefront({ baasUrl: server.url, apiKey: keys.test, port: 0 });

    const { page } = await buy(shop);
    const checkoutUrl = await submit(`${page}/checkout`);
    expect(checkoutUrl).toContain('/sandbox/mercadopago/');
    // The simulator's hosted page: the buyer picks a test cardholder and pays, then is sent back.
    const paid = await fetch(checkoutUrl, {
      method: 'POST',
      body: new URLSearchParams({ cardholder_name: 'APRO', payment_method_id: 'visa' }),
      redirect: 'manual',
    });
    expect(paid.headers.get('location')).toContain(page);
    expect(await waitFor(async () => (await shownStatus(page)) === 'paid', 10_000, 'the order page to show paid')).toBe(true);
    await shop.stop();
  });

  it('refuses a webhook that baas did not sign', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const shop = await startStorefront({ baasUrl: server.url, apiKey: keys.test, port: 0 });
    const forged = await fetch(`${shop.url}/webhooks`, {
      method: 'POST',
      headers: { 'webhook-id': 'evt_x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,Zm9yZ2Vk' },
      body: JSON.stringify({ id: 'evt_x', type: 'order.paid', data: { object: { object: 'order', id: 'ord_x' } } }),
    });
    expect(forged.status).toBe(400);
    expect(shop.orders.get('ord_x')).toBeUndefined();
    await shop.stop();
  });

  it('runs with the one documented command, and Ctrl-C removes its webhook endpoint', async () => {
    const server = await startTestServer(ALLOW_PRIVATE);
    const { keys } = await createTenant(server);
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/storefront/main.ts'], {
      env: { ...process.env, BAAS_URL: server.url, BAAS_API_KEY: keys.test, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const url = await waitFor(async () => /Storefront on (http:\S+) /.exec(output)?.[1], 20_000, 'the storefront to start');
    expect(await (await fetch(url)).text()).toContain('<form method="post" action="/orders">');
    expect(await endpointUrls(server, keys.test)).toEqual([`${url}/webhooks`]);

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(await endpointUrls(server, keys.test)).toEqual([]);
  });
});
