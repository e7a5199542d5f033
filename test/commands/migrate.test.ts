import { describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from '../../src/db/migrations/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('baas migrate', () => {
  it('lists pending migrations, applies them once, then lists them as applied', async () => {
    const env = { BAAS_DATA_DIR: tempDir() };
    const before = JSON.parse((await runCli(['migrate', '--status', '--json'], { env })).stdout);
    expect(before.migrations).toEqual(MIGRATION_NAMES.map((name) => ({ name, applied: false, applied_at: null })));

    const applied = await runCli(['migrate', '--json'], { env });
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).applied).toEqual([...MIGRATION_NAMES]);

    const again = await runCli(['migrate'], { env });
    expect(again.stdout).toContain('Nothing to apply');

    const after = JSON.parse((await runCli(['migrate', '--status', '--json'], { env })).stdout);
    expect(after.migrations.every((m: { applied: boolean }) => m.applied)).toBe(true);
  });

  it('reports when each migration was applied in UTC, whatever the time zone of the machine', async () => {
    const env = { BAAS_DATA_DIR: tempDir(), TZ: 'America/Sao_Paulo' };
    const started = Date.now();
    await runCli(['migrate'], { env });
    const status = JSON.parse((await runCli(['migrate', '--status', '--json'], { env })).stdout);
    for (const { applied_at } of status.migrations as { applied_at: string }[]) {
      // SQLite records whole seconds; three hours off would be the zone read as local time.
      expect(Math.abs(new Date(applied_at).getTime() - started)).toBeLessThan(60_000);
    }
  });
});
