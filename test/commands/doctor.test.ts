import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

interface DoctorOutput {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

async function doctor(env: NodeJS.ProcessEnv) {
  const result = await runCli(['doctor', '--json'], { env });
  return { code: result.code, output: JSON.parse(result.stdout) as DoctorOutput };
}

async function initialised(): Promise<string> {
  const dataDir = tempDir();
  expect((await runCli(['migrate'], { env: { BAAS_DATA_DIR: dataDir } })).code).toBe(0);
  // `migrate` does not make the master key; starting does. Emulate a started instance.
  const { loadOrCreateMasterKey } = await import('../../src/runtime/master-key.js');
  loadOrCreateMasterKey(dataDir);
  return dataDir;
}

describe('baas doctor', () => {
  it('exits 0 with every check green on a healthy install', async () => {
    const { code, output } = await doctor({ BAAS_DATA_DIR: await initialised() });
    expect(code).toBe(0);
    expect(output.ok).toBe(true);
    expect(output.checks.map((c) => c.name)).toEqual([
      'config',
      'data dir',
      'disk space',
      'master key',
      'database',
      'migrations',
      'job queue',
      'message channels',
    ]);
    expect(output.checks.find((c) => c.name === 'job queue')).toEqual({ name: 'job queue', ok: true, detail: '0 due, 0 dead, 0 running' });
    expect(output.checks.at(-1)).toEqual({ name: 'message channels', ok: true, detail: 'no channel is paused' });
    expect(output.checks.every((c) => c.ok)).toBe(true);
  });

  it('exits non-zero naming the broken setting', async () => {
    const { code, output } = await doctor({ BAAS_DATA_DIR: await initialised(), BAAS_PORT: '99999' });
    expect(code).toBe(1);
    expect(output.ok).toBe(false);
    expect(output.checks).toEqual([{ name: 'config', ok: false, detail: expect.stringMatching(/^BAAS_PORT \(environment\) = "99999"/) }]);
  });

  it('flags a master key others can read', async () => {
    const dataDir = await initialised();
    chmodSync(join(dataDir, 'master.key'), 0o644);
    const { code, output } = await doctor({ BAAS_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output.checks.find((c) => c.name === 'master key')).toMatchObject({ ok: false, detail: expect.stringContaining('chmod 600') });
  });

  it('flags a database that does not exist yet, without creating anything', async () => {
    const dataDir = tempDir();
    const { code, output } = await doctor({ BAAS_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output.checks.find((c) => c.name === 'database')).toMatchObject({ ok: false, detail: expect.stringContaining('baas migrate') });
    expect(output.checks.find((c) => c.name === 'master key')?.ok).toBe(false);
  });

  it('prints a table for people', async () => {
    const result = await runCli(['doctor'], { env: { BAAS_DATA_DIR: await initialised() } });
    expect(result.stdout).toMatch(/│ ✓ +│ database +│ SQLite .* is reachable/);
    expect(result.stdout).toContain('All checks passed.');
  });
});
