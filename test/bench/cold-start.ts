import { spawnSync } from 'node:child_process';
import { median } from './stats.js';
import { ROOT } from './processes.js';

export interface ColdStart {
  nodeMs: number;
  helpMs: number;
  storesListMs: number;
}

const RUNS = 7;

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return performance.now() - started;
}

/** Wall time to exit of `baas --help` and `baas stores list` beside `node -e 0`: medians, runs interleaved so noise hits all three alike. */
export function benchColdStart(dataDir: string): ColdStart {
  const env = { BAAS_DATA_DIR: dataDir, BAAS_LOG_LEVEL: 'error' };
  const samples: Record<keyof ColdStart, number[]> = { nodeMs: [], helpMs: [], storesListMs: [] };
  for (let run = 0; run < RUNS; run++) {
    samples.nodeMs.push(timeRun(['-e', '0'], env));
    samples.helpMs.push(timeRun(['bin/run.js', '--help'], env));
    samples.storesListMs.push(timeRun(['bin/run.js', 'stores', 'list'], env));
  }
  return { nodeMs: median(samples.nodeMs), helpMs: median(samples.helpMs), storesListMs: median(samples.storesListMs) };
}
