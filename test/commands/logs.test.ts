import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CreateOrderInput } from '../../src/modules/orders/order-input.js';
import { SAMPLE_ORDER } from '../helpers/api.js';
import { BIN, runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

async function withOrder(server: TestServer, name = 'Loja') {
  const { store } = await server.instance.stores.create({ name, currency: 'BRL', locale: 'pt-BR' });
  const order = await server.instance.orders.create(
    { storeId: store.id, mode: 'test', requestId: null },
    CreateOrderInput.parse(SAMPLE_ORDER),
  );
  await server.instance.activity.flush();
  return { store, order };
}

describe('baas logs', () => {
  it('prints JSON lines that each parse, and an order’s timeline in time order', async () => {
    const server = await startTestServer();
    const { store, order } = await withOrder(server);
    await withOrder(server, 'Outra');
    const env = { BAAS_DATA_DIR: server.dataDir };

    const json = await runCli(['logs', '--json', '--store', store.slug], { env });
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split('\n');
    const rows = lines.map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.kind, r.order_id, r.store_id])).toEqual([['event', order.id, store.id]]);
    expect(rows[0]).toMatchObject({ level: 'info', outcome: 'order.created', summary: expect.stringContaining(order.id) });

    const timeline = await runCli(['logs', '--order', order.id], { env });
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain(`Timeline of ${order.id}: 1 entries`);
    expect(timeline.stdout).toMatch(/\+0\.000s info\s+event\s+order\.created/);

    const bad = await runCli(['logs', '--type', 'gossip'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^✗ --type: unknown kind gossip/);
  });

  it('--follow prints rows another process writes while it runs', async () => {
    const server = await startTestServer();
    const child = spawn(process.execPath, [BIN, 'logs', '--follow', '--json', '--type', 'event'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BAAS_DATA_DIR: server.dataDir, BAAS_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    try {
      // Give it time to start and print what is there (nothing yet).
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const { order } = await withOrder(server);
      const deadline = Date.now() + 10_000;
      while (!out.includes(order.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const line = out.split('\n').find((l) => l.includes(order.id))!;
      expect(JSON.parse(line)).toMatchObject({ kind: 'event', outcome: 'order.created', order_id: order.id });
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('close', resolve));
    }
  });
});
