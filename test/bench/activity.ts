import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrders, type OrderFigures } from './cases.js';
import type { Load, LoadResult } from './load.js';
import { SERVER_ENV, startProcess, stopProcess } from './processes.js';
import { percentile } from './stats.js';

/** The order cases on a fresh server and database, with the activity log on or off. */
async function ordersOnFreshServer(load: Load, activity: boolean): Promise<OrderFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), `baas-bench-activity-${activity ? 'on' : 'off'}-`));
  const server = await startProcess(['bin/run.js', 'start', '--json'], {
    ...SERVER_ENV,
    BAAS_DATA_DIR: dataDir,
    BAAS_ACTIVITY_LOG: String(activity),
  });
  try {
    return await benchOrders(load, server.ready.url, server.ready.demo_store!.secret_key);
  } finally {
    await stopProcess(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (results: LoadResult[]): LoadResult =>
  percentile(
    [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond),
    50,
  );

/** How many on/off pairs benchActivityCost measures. */
export const ACTIVITY_PAIRS = 3;

/**
 * The activity log's cost: the order cases with the log on and off, each on a fresh server, in
 * alternating pairs, and the median of each side. One pair measured a minute apart (the main
 * server's figures against one server at the end) mostly measured the shared machine's drift:
 * 3 % to 29 % for the same build within an afternoon.
 */
export async function benchActivityCost(load: Load, pairs = ACTIVITY_PAIRS): Promise<{ on: OrderFigures; off: OrderFigures }> {
  const runs: Record<'on' | 'off', OrderFigures[]> = { on: [], off: [] };
  for (let pair = 0; pair < pairs; pair++) {
    runs.on.push(await ordersOnFreshServer(load, true));
    runs.off.push(await ordersOnFreshServer(load, false));
  }
  const side = (figures: OrderFigures[]): OrderFigures => ({
    get: median(figures.map((f) => f.get)),
    post: median(figures.map((f) => f.post)),
  });
  return { on: side(runs.on), off: side(runs.off) };
}

export const activityCostPercent = (on: number, off: number): number => Math.round((1 - on / off) * 1000) / 10;
