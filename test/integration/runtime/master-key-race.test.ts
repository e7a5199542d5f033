import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';

const MASTER_KEY = resolve('src/runtime/master-key.ts');
const PROCESSES = 12;
const ROUNDS = 5;

/** A process that loads (or creates) the data dir's master key at `at` (epoch ms) and prints it, or its error. */
function loadKey(dataDir: string, at: number): Promise<{ code: number | null; out: string }> {
  // Each process spins until the same instant, so that their first calls meet.
  const script = `import { loadOrCreateMasterKey } from ${JSON.stringify(MASTER_KEY)};
while (Date.now() < ${at});
try { console.log(loadOrCreateMasterKey(${JSON.stringify(dataDir)}).toString('base64')); } catch (error) { console.log(String(error.problems ?? error)); process.exitCode = 1; }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, out: out.trim() })));
}

describe('the master key on first start', () => {
  // Several commands run at once on a new data dir (the CLI tests do; so may an operator's
  // scripts): each must get the one key, never read it half-written.
  it('is the same key for processes that create it at the same moment', { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = tempDir('baas-key');
      const at = Date.now() + 3000;
      const results = await Promise.all(Array.from({ length: PROCESSES }, () => loadKey(dataDir, at)));
      expect(results.filter((result) => result.code !== 0)).toEqual([]);
      expect(new Set(results.map((result) => result.out)).size).toBe(1);
    }
  });
});
