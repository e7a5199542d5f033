import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ORDER } from '../helpers/api.js';
import { runCli, spawnServer, type CliResult, type ServerProcess } from '../helpers/cli.js';

// A real `baas start` on a fixed free port (the CLI finds it through BAAS_PORT, as an operator's
// would) and the built CLI over the same data dir. One server for the whole file: starting it is
// the slow part. The data dir is made here, not with tempDir(), which is removed after each test.

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let dataDir: string;
let port: number;
let server: ServerProcess;
let key: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'baas-sandbox-'));
  port = await freePort();
  server = await spawnServer({ BAAS_DATA_DIR: dataDir, BAAS_PORT: String(port) });
  key = server.ready.demo_store!.secret_key;
}, 30_000);

afterAll(async () => {
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliResult> {
  return runCli(args, { env: { BAAS_DATA_DIR: dataDir, BAAS_PORT: String(port) } });
}

/** One call to the running server's API with its demo key (or another server's, `at`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies, checked by the assertions
async function api(path: string, body?: unknown, at: { url: string; key: string } = { url: server.url, key }): Promise<any> {
  const response = await fetch(`${at.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${at.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await response.json();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(parsed)}`);
  return parsed;
}

const newOrder = async (): Promise<{ id: string; amount_total: number }> => api('/v1/orders', { currency: 'BRL', ...SAMPLE_ORDER });
const paymentsOf = async (orderId: string) => (await api(`/v1/payments?order_id=${orderId}`)).data as { id: string; status: string }[];

function oneErrorLine(result: CliResult): string {
  expect(result.code, result.stdout + result.stderr).not.toBe(0);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1); // one line: no stack trace, no usage dump
  return lines[0]!;
}

describe('baas sandbox pay', () => {
  it('approves an order: the notification comes back and the order is paid (--json: {order, payment})', async () => {
    const order = await newOrder();
    const result = await cli('sandbox', 'pay', order.id, '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out).sort()).toEqual(['order', 'payment']);
    expect(out.order).toMatchObject({ id: order.id, object: 'order', status: 'paid', amount_paid: order.amount_total, livemode: false });
    expect(out.payment).toMatchObject({
      id: expect.stringMatching(/^pay_/),
      object: 'payment',
      order_id: order.id,
      status: 'approved',
      provider: 'mercadopago',
      provider_payment_id: expect.stringMatching(/^\d+$/),
    });
    // The server applied it: the API shows the same.
    expect(await api(`/v1/orders/${order.id}`)).toMatchObject({ status: 'paid', amount_paid: order.amount_total });
    expect(await paymentsOf(order.id)).toEqual([expect.objectContaining({ id: out.payment.id, status: 'approved' })]);
    const events = (await api(`/v1/events?payment_id=${out.payment.id}`)).data.map((e: { type: string }) => e.type);
    expect(events.reverse()).toEqual(['payment.created', 'payment.approved']);
  });

  it('tells a person what happened and how to look at it', async () => {
    const order = await newOrder();
    const result = await cli('sandbox', 'pay', order.id);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`order +${order.id} +paid`));
    expect(result.stdout).toMatch(/payment +pay_\S+ +approved/);
    expect(result.stdout).toContain(`curl -s http://127.0.0.1:${port}/v1/orders/${order.id} -H "Authorization: Bearer sk_test_…"`);
  });

  it('rejects: the payment is rejected and the order stays pending', async () => {
    const order = await newOrder();
    const result = await cli('sandbox', 'pay', order.id, '--status', 'rejected', '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.payment.status).toBe('rejected');
    expect(out.order.status).toBe('pending');
    expect(await api(`/v1/orders/${order.id}`)).toMatchObject({ status: 'pending', amount_paid: 0 });
    expect(await paymentsOf(order.id)).toEqual([expect.objectContaining({ id: out.payment.id, status: 'rejected' })]);
  });

  it('moves a pending Pix payment made through the API, not a new one', async () => {
    const order = await newOrder();
    const pix = await api('/v1/payments', { order_id: order.id, method: 'pix', payer: { email: 'ana@example.com' } });
    expect(pix).toMatchObject({ status: 'pending', method: 'pix' });

    const stillPending = await cli('sandbox', 'pay', order.id, '--status', 'pending');
    expect(stillPending.code, stillPending.stdout + stillPending.stderr).toBe(0);
    expect(stillPending.stdout).toContain(`Payment ${pix.id} is already pending: nothing to change.`);

    const result = await cli('sandbox', 'pay', order.id, '--status', 'approved', '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.payment).toMatchObject({ id: pix.id, status: 'approved', method: 'pix', provider_payment_id: pix.provider_payment_id });
    expect(out.order.status).toBe('paid');
    expect(await paymentsOf(order.id)).toEqual([expect.objectContaining({ id: pix.id, status: 'approved' })]);
  });

  it('refuses an order that is not pending, naming its status', async () => {
    const order = await newOrder();
    expect((await cli('sandbox', 'pay', order.id)).code).toBe(0);
    const line = oneErrorLine(await cli('sandbox', 'pay', order.id));
    expect(line).toBe(`✗ Order ${order.id} is paid; only pending orders can be paid.`);
  });

  it('says so in one line for an unknown order', async () => {
    const line = oneErrorLine(await cli('sandbox', 'pay', 'ord_doesnotexist'));
    expect(line).toBe('✗ No such order: ord_doesnotexist');
    const json = await cli('sandbox', 'pay', 'ord_doesnotexist', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'resource_missing' });
  });

  it('says so in one line when no server answers', async () => {
    const order = await newOrder();
    const elsewhere = await freePort();
    const result = await runCli(['sandbox', 'pay', order.id], { env: { BAAS_DATA_DIR: dataDir, BAAS_PORT: String(elsewhere) } });
    expect(result.code).toBe(69);
    expect(oneErrorLine(result)).toMatch(
      new RegExp(`^✗ no baas server answers at http://127\\.0\\.0\\.1:${elsewhere} .*start it with \`baas start\``),
    );
    // Nothing happened to the order.
    expect(await api(`/v1/orders/${order.id}`)).toMatchObject({ status: 'pending' });
    expect(await paymentsOf(order.id)).toEqual([]);
  });

  it('teaches itself in --help, with examples and --json', async () => {
    const result = await runCli(['sandbox', 'pay', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('EXAMPLES');
    expect(result.stdout).toContain('--json');
    expect(result.stdout).toContain('--status');
    expect(result.stdout).toMatch(/\$ baas sandbox pay ord_\S+ --status rejected/);
  });
});

describe('baas sandbox pay after a server restart', () => {
  it('refuses to move a payment the simulator forgot (it keeps them in memory)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baas-sandbox-restart-'));
    const restartPort = await freePort();
    const env = { BAAS_DATA_DIR: dir, BAAS_PORT: String(restartPort) };
    try {
      const first = await spawnServer(env);
      const at = { url: first.url, key: first.ready.demo_store!.secret_key };
      const order = await api('/v1/orders', { currency: 'BRL', ...SAMPLE_ORDER }, at);
      const pix = await api('/v1/payments', { order_id: order.id, method: 'pix', payer: { email: 'ana@example.com' } }, at);
      expect(pix.status).toBe('pending');
      first.child.kill('SIGTERM');
      await first.exited;

      const second = await spawnServer(env);
      try {
        const result = await runCli(['sandbox', 'pay', order.id], { env });
        expect(result.code).toBe(1);
        expect(oneErrorLine(result)).toMatch(
          new RegExp(
            `^✗ The simulator no longer has Mercado Pago payment ${pix.provider_payment_id} of ${pix.id}: .*cannot be moved any more\\.$`,
          ),
        );
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
