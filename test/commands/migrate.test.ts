import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('baas migrate', () => {
  it('lists pending migrations, applies them once, then lists them as applied', async () => {
    const env = { BAAS_DATA_DIR: tempDir() };
    const before = JSON.parse((await runCli(['migrate', '--status', '--json'], { env })).stdout);
    expect(before.migrations).toEqual(MIGRATIONS.map((m) => ({ name: m.name, applied: false, applied_at: null })));

    const applied = await runCli(['migrate', '--json'], { env });
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).applied).toEqual(MIGRATIONS.map((m) => m.name));

    const again = await runCli(['migrate'], { env });
    expect(again.stdout).toContain('Nothing to apply');

    const after = JSON.parse((await runCli(['migrate', '--status', '--json'], { env })).stdout);
    expect(after.migrations.every((m: { applied: boolean }) => m.applied)).toBe(true);
  });
});
