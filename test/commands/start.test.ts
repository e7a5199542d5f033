import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnServer } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('baas start', () => {
  it('prints the demo store key on the first start only, and answers /healthz', async () => {
    const dataDir = tempDir();
    const first = await spawnServer({ BAAS_DATA_DIR: dataDir });
    expect(first.ready.demo_store?.secret_key).toMatch(/^sk_test_/);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const second = await spawnServer({ BAAS_DATA_DIR: dataDir });
    expect(second.ready.demo_store).toBeNull();
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('stops gracefully on SIGTERM and SIGINT, well within 10 s', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await spawnServer({ BAAS_DATA_DIR: tempDir() });
      const started = Date.now();
      server.child.kill(signal);
      const { code } = await server.exited;
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(server.output()).toContain('"msg":"stopped"');
    }
  });

  it('refuses invalid configuration with exit 78, one line per problem, and writes nothing', async () => {
    const dataDir = join(tempDir(), 'never-created');
    const result = await runCli(['start'], { env: { BAAS_DATA_DIR: dataDir, BAAS_PORT: 'http', BAAS_LOG_LEVEL: 'loud' } });
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes('BAAS_PORT'))).toMatch(/^✗ BAAS_PORT \(environment\) = "http": .*Fix: /);
    expect(lines.find((l) => l.includes('BAAS_LOG_LEVEL'))).toMatch(/Fix: set it to one of debug, info, warn, error/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('says so in one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(['start'], { env: { BAAS_DATA_DIR: tempDir(), BAAS_PORT: String(port) } });
      expect(result.code).toBe(69);
      expect(result.stderr.trim()).toBe(
        `✗ port: 127.0.0.1:${port} is already in use (is another baas running?). Fix: stop that process or set BAAS_PORT to a free port`,
      );
    } finally {
      blocker.close();
    }
  });

  it('explains a data dir it cannot use', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const result = await runCli(['start'], { env: { BAAS_DATA_DIR: join(file, 'data') } });
    expect(result.code).toBe(73);
    expect(result.stderr).toMatch(/^✗ data_dir: cannot use .*a-file\/data \(ENOTDIR\)\. Fix: /);
  });

  it('explains a corrupt database instead of crashing', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'baas.sqlite'), 'this is not a database, just some text that is long enough'.repeat(100));
    const result = await runCli(['start'], { env: { BAAS_DATA_DIR: dataDir } });
    expect(result.code).toBe(69);
    expect(result.stderr.trim()).toMatch(/^✗ database: SQLite .*baas\.sqlite is not a valid SQLite database .*Fix: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects unknown flags', async () => {
    const result = await runCli(['start', '--prot', '4000']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Nonexistent flag: --prot/);
  });
});
