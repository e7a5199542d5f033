import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrders, type OrderFigures } from './cases.js';
import type { Load } from './load.js';
import { SERVER_ENV, startProcess, stopProcess } from './processes.js';

/**
 * The order cases again on a server with BAAS_ACTIVITY_LOG=false and a fresh database: beside
 * the main server's figures (activity log on, also measured on a fresh database) they give the log's cost.
 */
export async function benchWithoutActivity(load: Load): Promise<OrderFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baas-bench-activity-off-'));
  const server = await startProcess(['bin/run.js', 'start', '--json'], {
    ...SERVER_ENV,
    BAAS_DATA_DIR: dataDir,
    BAAS_ACTIVITY_LOG: 'false',
  });
  try {
    return await benchOrders(load, server.ready.url, server.ready.demo_store!.secret_key);
  } finally {
    await stopProcess(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const activityCostPercent = (on: number, off: number): number => Math.round((1 - on / off) * 1000) / 10;
