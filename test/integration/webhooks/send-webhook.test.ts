import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebhook, webhookAgents, type WebhookRequest } from '../../../src/modules/webhooks/send-webhook.js';
import type { Resolver } from '../../../src/modules/webhooks/ssrf-guard.js';

// Every receiver listens on 127.0.0.1 and every name resolves there (or nowhere): nothing leaves this host.

interface Delivered {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  server: http.Server;
  url: string;
  port: number;
  delivered: Delivered[];
  connections: number;
}

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** A receiver that records every request, then lets `respond` answer it. */
async function receiver(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Receiver> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.delivered.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      respond(req, res);
    });
  });
  servers.push(server);
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: Receiver = { server, url: `http://127.0.0.1:${port}/hooks`, port, delivered: [], connections: 0 };
  return state;
}

const openConnections = (target: Receiver) =>
  new Promise<number>((resolve, reject) => target.server.getConnections((err, count) => (err ? reject(err) : resolve(count))));

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const reply =
  (status: number, body = '', headers: http.OutgoingHttpHeaders = {}) =>
  (_req: http.IncomingMessage, res: http.ServerResponse) =>
    res.writeHead(status, headers).end(body);

const hang = () => undefined;

/** A port nothing listens on: bound a moment ago, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function fakeDns(answers: Record<string, string>): Resolver {
  return (hostname, _options, callback) => {
    const address = answers[hostname];
    if (address === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    } else {
      const answer: LookupAddress = { address, family: address.includes(':') ? 6 : 4 };
      callback(null, [answer]);
    }
  };
}

const body = JSON.stringify({ id: 'evt_1', type: 'order.paid', timestamp: '2026-03-12T02:30:00Z', data: { note: 'Café ✓' } });
const headers = {
  'content-type': 'application/json',
  'user-agent': 'baas-webhooks/0.1.0',
  'webhook-id': 'evt_1',
  'webhook-timestamp': '1773282600',
  'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe4=',
};

function send(overrides: Partial<WebhookRequest> & Pick<WebhookRequest, 'url'>) {
  return sendWebhook({ headers, body, allowPrivate: true, timeoutMs: 5000, ...overrides });
}

describe('sendWebhook', () => {
  it('POSTs the headers and body exactly as given and succeeds on a 2xx', async () => {
    const target = await receiver(reply(200, '{"received":true}'));
    const result = await send({ url: `${target.url}?store=1` });

    expect(result).toEqual({
      outcome: 'success',
      statusCode: 200,
      durationMs: expect.any(Number),
      responseExcerpt: '{"received":true}',
      errorClass: null,
      error: null,
      retryAfterSeconds: null,
    });
    expect(target.delivered).toHaveLength(1);
    const [delivered] = target.delivered;
    expect(delivered?.method).toBe('POST');
    expect(delivered?.url).toBe('/hooks?store=1');
    expect(delivered?.body).toBe(body);
    expect(delivered?.headers).toMatchObject({ ...headers, 'content-length': String(Buffer.byteLength(body)) });
  });

  it('counts every 2xx as success, an empty one included', async () => {
    const target = await receiver(reply(204));
    expect(await send({ url: target.url })).toMatchObject({ outcome: 'success', statusCode: 204, responseExcerpt: '' });
  });

  it('keeps at most 1 KiB of a large response', async () => {
    const target = await receiver(reply(200, 'x'.repeat(100 * 1024)));
    const result = await send({ url: target.url });
    expect(result).toMatchObject({ outcome: 'success', statusCode: 200 });
    expect(result.responseExcerpt).toBe('x'.repeat(1024));
  });

  it('drops a character the 1 KiB limit cuts in half instead of mangling it', async () => {
    const target = await receiver(reply(500, `a${'é'.repeat(1000)}`));
    const { responseExcerpt } = await send({ url: target.url });
    expect(responseExcerpt).toBe(`a${'é'.repeat(511)}`);
    expect(Buffer.byteLength(responseExcerpt ?? '')).toBe(1023);
  });

  it('stops reading a response that never ends', async () => {
    const target = await receiver((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write('y'.repeat(512)), 5);
      res.on('close', () => clearInterval(drip));
    });
    const result = await send({ url: target.url, timeoutMs: 10_000 });
    expect(result).toMatchObject({ outcome: 'success', statusCode: 200, responseExcerpt: 'y'.repeat(1024) });
    expect(result.durationMs).toBeLessThan(5000);
  });

  it('lets the status decide when the deadline cuts the body short', async () => {
    const target = await receiver((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    expect(await send({ url: target.url, timeoutMs: 200 })).toMatchObject({
      outcome: 'success',
      statusCode: 200,
      responseExcerpt: 'partial',
    });
  });

  it('reports a 500 as non_2xx with the start of the body', async () => {
    const target = await receiver(reply(500, 'database down'));
    expect(await send({ url: target.url })).toEqual({
      outcome: 'failure',
      statusCode: 500,
      durationMs: expect.any(Number),
      responseExcerpt: 'database down',
      errorClass: 'non_2xx',
      error: 'The receiver answered 500.',
      retryAfterSeconds: null,
    });
  });

  it('never follows a redirect', async () => {
    const elsewhere = await receiver(reply(200));
    const target = await receiver(reply(302, '', { location: elsewhere.url }));
    const result = await send({ url: target.url });

    expect(result).toMatchObject({ outcome: 'failure', statusCode: 302, errorClass: 'redirect' });
    expect(result.error).toBe(`Redirect (302) to ${elsewhere.url} not followed.`);
    expect(target.delivered).toHaveLength(1);
    expect(elsewhere.connections).toBe(0);
    expect(elsewhere.delivered).toEqual([]);
  });

  it('reads Retry-After on 429 and 503, in seconds or as a date', async () => {
    const seconds = await receiver(reply(429, '', { 'retry-after': '7' }));
    expect(await send({ url: seconds.url })).toMatchObject({
      outcome: 'failure',
      errorClass: 'non_2xx',
      statusCode: 429,
      retryAfterSeconds: 7,
    });

    const date = await receiver(reply(503, '', { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }));
    const { retryAfterSeconds } = await send({ url: date.url });
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(retryAfterSeconds).toBeLessThanOrEqual(120);

    const past = await receiver(reply(503, '', { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }));
    expect((await send({ url: past.url })).retryAfterSeconds).toBe(0);
  });

  it('ignores Retry-After when it is absent, garbled or on another status', async () => {
    const none = await receiver(reply(429));
    expect((await send({ url: none.url })).retryAfterSeconds).toBeNull();
    const garbled = await receiver(reply(429, '', { 'retry-after': 'soon' }));
    expect((await send({ url: garbled.url })).retryAfterSeconds).toBeNull();
    const other = await receiver(reply(500, '', { 'retry-after': '7' }));
    expect((await send({ url: other.url })).retryAfterSeconds).toBeNull();
  });

  it('gives up on a slow receiver at the deadline', async () => {
    const target = await receiver(hang);
    const result = await send({ url: target.url, timeoutMs: 200 });
    expect(result).toMatchObject({
      outcome: 'failure',
      statusCode: null,
      responseExcerpt: null,
      errorClass: 'timeout',
      error: 'No response within 200 ms.',
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(150);
    expect(result.durationMs).toBeLessThan(3000);
  });

  it('reports a closed port as connection_refused', async () => {
    const port = await closedPort();
    const result = await send({ url: `http://127.0.0.1:${port}/hooks` });
    expect(result).toMatchObject({ outcome: 'failure', statusCode: null, errorClass: 'connection_refused' });
    expect(result.error).toContain('ECONNREFUSED');
  });

  it('reports a receiver that drops the connection as connection_reset', async () => {
    const target = await receiver((req) => req.socket.destroy());
    const result = await send({ url: target.url });
    expect(result).toMatchObject({ outcome: 'failure', statusCode: null, errorClass: 'connection_reset' });
    expect(target.delivered).toHaveLength(1);
  });

  it('reports https to a server that does not speak TLS as tls', async () => {
    const target = await receiver(reply(200));
    const result = await send({ url: `https://127.0.0.1:${target.port}/hooks` });
    expect(result).toMatchObject({ outcome: 'failure', statusCode: null, errorClass: 'tls' });
  });

  it('reports a name that does not resolve as dns', async () => {
    const result = await send({ url: 'https://missing.example/hooks', resolve: fakeDns({}) });
    expect(result).toMatchObject({ outcome: 'failure', errorClass: 'dns' });
    expect(result.error).toContain('ENOTFOUND');
  });

  it('connects to the address the resolver gave, keeping the name in Host', async () => {
    const target = await receiver(reply(200));
    const result = await send({ url: `http://hooks.shop.test:${target.port}/hooks`, resolve: fakeDns({ 'hooks.shop.test': '127.0.0.1' }) });
    expect(result.outcome).toBe('success');
    expect(target.delivered[0]?.headers.host).toBe(`hooks.shop.test:${target.port}`);
  });

  it('turns anything unusable into a failure instead of throwing', async () => {
    expect(await send({ url: 'not a url' })).toMatchObject({ outcome: 'failure', errorClass: 'network', error: 'The URL is not valid.' });
    expect(await send({ url: 'ftp://127.0.0.1/hooks' })).toMatchObject({ outcome: 'failure', errorClass: 'network' });
    const mismatched = await send({ url: 'https://127.0.0.1:1/hooks', agent: new http.Agent() });
    expect(mismatched).toMatchObject({ outcome: 'failure', errorClass: 'network' });
  });
});

describe('sendWebhook without allowPrivate', () => {
  it.each([
    'http://127.0.0.1:PORT/hooks',
    'http://127.1.2.3:PORT/hooks',
    'http://[::1]:PORT/hooks',
    'http://[::ffff:127.0.0.1]:PORT/hooks',
  ])('refuses the IP literal in %s before connecting', async (pattern) => {
    const target = await receiver(reply(200));
    const result = await send({ url: pattern.replace('PORT', String(target.port)), allowPrivate: false });
    expect(result).toMatchObject({ outcome: 'failure', statusCode: null, errorClass: 'blocked_address' });
    expect(target.connections).toBe(0);
  });

  it('refuses localhost once it resolves, without connecting', async () => {
    const target = await receiver(reply(200));
    const result = await send({ url: `http://localhost:${target.port}/hooks`, allowPrivate: false });
    expect(result).toMatchObject({ outcome: 'failure', statusCode: null, errorClass: 'blocked_address' });
    expect(result.error).toContain('localhost resolves to');
    expect(target.connections).toBe(0);
  });

  it('refuses a public-looking name that resolves to loopback (DNS rebinding)', async () => {
    const target = await receiver(reply(200));
    const result = await send({
      url: `http://hooks.shop.test:${target.port}/hooks`,
      allowPrivate: false,
      resolve: fakeDns({ 'hooks.shop.test': '127.0.0.1' }),
    });
    expect(result).toMatchObject({
      outcome: 'failure',
      errorClass: 'blocked_address',
      error: 'hooks.shop.test resolves to 127.0.0.1, a loopback, private, link-local or reserved address.',
    });
    expect(target.connections).toBe(0);
  });

  it('guards connections made through a keep-alive agent too', async () => {
    const target = await receiver(reply(200));
    const agents = webhookAgents();
    const url = `http://hooks.shop.test:${target.port}/hooks`;
    const resolve = fakeDns({ 'hooks.shop.test': '127.0.0.1' });
    try {
      expect((await send({ url, agent: agents.forUrl(url), allowPrivate: false, resolve })).errorClass).toBe('blocked_address');
      expect(target.connections).toBe(0);
    } finally {
      agents.destroy();
    }
  });
});

describe('webhookAgents', () => {
  it('keeps one agent per origin, of the right kind', () => {
    const agents = webhookAgents();
    try {
      const a = agents.forUrl('https://shop.example/hooks');
      expect(a).toBeInstanceOf(https.Agent);
      expect(agents.forUrl('https://shop.example/other?x=1')).toBe(a);
      expect(agents.forUrl('https://shop.example:8443/hooks')).not.toBe(a);
      expect(agents.forUrl('http://shop.example/hooks')).not.toBeInstanceOf(https.Agent);
      expect(agents.forUrl('http://shop.example/hooks')).toBeInstanceOf(http.Agent);
      expect(agents.forUrl('ftp://shop.example/')).toBeUndefined();
      expect(agents.forUrl('not a url')).toBeUndefined();
    } finally {
      agents.destroy();
    }
  });

  it('reuses a connection across deliveries and closes it on destroy', async () => {
    const target = await receiver(reply(200, 'ok'));
    const agents = webhookAgents();
    const agent = agents.forUrl(target.url);
    for (let i = 0; i < 3; i++) expect((await send({ url: target.url, agent })).outcome).toBe('success');
    expect(target.delivered).toHaveLength(3);
    expect(target.connections).toBe(1);

    agents.destroy();
    await waitFor(async () => (await openConnections(target)) === 0);
    expect(agents.forUrl(target.url)).not.toBe(agent);
    agents.destroy();
  });
});
