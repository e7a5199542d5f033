import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('baas version', () => {
  it('prints the version of baas and Node.js and the database configured', async () => {
    const dataDir = tempDir();
    const result = await runCli(['version'], { env: { BAAS_DATA_DIR: dataDir } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `baas 0.1.0\nnode ${process.version} (${process.platform} ${process.arch})\ndatabase sqlite: SQLite ${dataDir}/baas.sqlite\n`,
    );
  });

  it('answers --json, naming a PostgreSQL database without its password', async () => {
    const result = await runCli(['version', '--json'], { env: { BAAS_DATABASE_URL: 'postgres://baas:s3cret@db.internal:5432/baas' } });
    expect(JSON.parse(result.stdout)).toEqual({
      version: '0.1.0',
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      database: { kind: 'postgres', detail: 'PostgreSQL postgres://baas:***@db.internal:5432/baas' },
    });
  });

  it('still answers when the configuration is broken', async () => {
    const result = await runCli(['version'], { env: { BAAS_PORT: 'many' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^database unknown: the configuration is invalid \(BAAS_PORT \(environment\) = "many".*\)\. See baas doctor$/m,
    );
  });

  it('has the short --version of oclif', async () => {
    const result = await runCli(['--version']);
    expect(result.stdout).toMatch(/^ecommerce-baas\/0\.1\.0 \S+ node-v\d+/);
  });
});
