import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { startProcess } from './processes.js';

type Load = (name: string, options: autocannon.Options) => Promise<{ requestsPerSecond: number }>;

export interface ActivityCost {
  name: string;
  on: number;
  off: number;
  costPercent: number;
}

const ORDER = JSON.stringify({
  items: [{ sku: 'TSHIRT-M', name: 'Camiseta', quantity: 2, unit_amount: 4990 }],
  shipping_amount: 1500,
  customer: { email: 'ana@example.com', name: 'Ana' },
});

/** One server with the activity log and one without, each on a fresh database, the same requests against both. */
export async function benchActivityCost(load: Load): Promise<ActivityCost[]> {
  const figures: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (const variant of ['off', 'on'] as const) {
    const dataDir = mkdtempSync(join(tmpdir(), `baas-bench-activity-${variant}-`));
    const server = await startProcess(['bin/run.js', 'start', '--json'], {
      BAAS_DATA_DIR: dataDir,
      BAAS_PORT: '0',
      BAAS_ACTIVITY_LOG: variant === 'on' ? 'true' : 'false',
      BAAS_RATE_LIMIT_PER_SECOND: '1000000',
      BAAS_RATE_LIMIT_BURST: '1000000',
    });
    try {
      const headers = { authorization: `Bearer ${server.ready.demo_store!.secret_key}`, 'content-type': 'application/json' };
      const created = await fetch(`${server.ready.url}/v1/orders`, { method: 'POST', headers, body: ORDER });
      const { id } = (await created.json()) as { id: string };
      figures[variant].push(
        (await load(`GET /v1/orders/:id (${variant})`, { url: `${server.ready.url}/v1/orders/${id}`, headers })).requestsPerSecond,
      );
      figures[variant].push(
        (await load(`POST /v1/orders (${variant})`, { url: `${server.ready.url}/v1/orders`, method: 'POST', headers, body: ORDER }))
          .requestsPerSecond,
      );
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return ['GET /v1/orders/:id', 'POST /v1/orders'].map((name, index) => {
    const on = figures.on[index]!;
    const off = figures.off[index]!;
    return { name, on, off, costPercent: (1 - on / off) * 100 };
  });
}
