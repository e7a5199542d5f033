import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createBackup } from '../../src/modules/ops/backup/create-backup.js';
import { fixedClock } from '../../src/shared/clock.js';
import { runCli, spawnServer } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const members = (archive: string) => spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
const memberText = (archive: string, name: string) => spawnSync('tar', ['-xzOf', archive, name], { encoding: 'utf8' }).stdout;

/** An instance as `baas init` leaves one: a config file naming the data dir, a migrated database, a master key, a store. */
async function installed() {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const configFile = join(dir, 'baas.json');
  writeFileSync(configFile, JSON.stringify({ data_dir: dataDir }));
  const env = { BAAS_CONFIG: configFile };
  expect((await runCli(['migrate'], { env })).code).toBe(0);
  const created = await runCli(['stores', 'create', '--name', 'Loja', '--currency', 'BRL', '--locale', 'pt-BR', '--json'], { env });
  expect(created.code, created.stderr).toBe(0);
  return { dir, dataDir, configFile, env };
}

async function backup(env: NodeJS.ProcessEnv, ...flags: string[]) {
  const result = await runCli(['backup', ...flags, '--json'], { env });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('baas backup', { timeout: 60_000 }, () => {
  it('writes one archive with the database, the master key and the config file, a manifest of sums, and its sha256 beside', async () => {
    const { dataDir, configFile, env } = await installed();
    const result = await backup(env);

    expect(result.file).toMatch(new RegExp(`^${join(dataDir, 'backups')}/baas-backup-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    expect(statSync(result.file).mode & 0o777).toBe(0o600);
    expect(members(result.file)).toEqual(['baas.sqlite', 'config/baas.json', 'manifest.json', 'master.key']);
    const archive = readFileSync(result.file);
    expect(result.sha256).toBe(sha256(archive));
    expect(readFileSync(`${result.file}.sha256`, 'utf8')).toBe(`${sha256(archive)}  ${basename(result.file)}\n`);
    expect(spawnSync('sha256sum', ['-c', `${result.file}.sha256`], { cwd: join(dataDir, 'backups') }).status).toBe(0);

    const manifest = JSON.parse(memberText(result.file, 'manifest.json'));
    const key = readFileSync(join(dataDir, 'master.key'));
    expect(manifest).toMatchObject({
      format: 'baas-backup',
      format_version: 1,
      baas_version: '0.1.0',
      database: { kind: 'sqlite', file: 'baas.sqlite', source: join(dataDir, 'baas.sqlite') },
      master_key: {
        included: true,
        source: join(dataDir, 'master.key'),
        fingerprint: sha256(Buffer.from(key.toString().trim(), 'base64')),
      },
      config_files: [{ file: 'config/baas.json', source: configFile }],
    });
    expect(manifest.files['master.key']).toEqual({ sha256: sha256(key), bytes: key.length });
    expect(Object.keys(manifest.files).sort()).toEqual(['baas.sqlite', 'config/baas.json', 'master.key']);
  });

  it('copies a database a running server is writing to, and says loudly that the archive holds the master key', async () => {
    const { env } = await installed();
    const server = await spawnServer(env);
    try {
      const result = await runCli(['backup'], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Backing up SQLite .*baas\.sqlite \(.*\) with VACUUM INTO/m);
      expect(result.stdout).toMatch(/^Wrote .*baas-backup-.*\.tar\.gz \(.*\)$/m);
      expect(result.stdout).toContain('⚠ The archive CONTAINS THE MASTER KEY');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('with --no-master-key and --to, records only the key fingerprint and says the key must be kept elsewhere', async () => {
    const { dir, env } = await installed();
    const to = join(dir, 'offsite', 'baas');
    const result = await runCli(['backup', '--to', to, '--no-master-key'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('⚠ The master key is NOT in the archive');
    const [archive] = readdirSync(to).filter((name) => name.endsWith('.tar.gz'));
    expect(statSync(to).mode & 0o777).toBe(0o700);
    expect(members(join(to, archive!))).not.toContain('master.key');
    expect(JSON.parse(memberText(join(to, archive!), 'manifest.json')).master_key).toMatchObject({
      included: false,
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('never replaces an archive: two backups in the same second get two names', async () => {
    const { env } = await installed();
    const config = loadConfig({ ...process.env, ...env });
    const clock = fixedClock(new Date('2026-11-01T03:15:00.250Z'));
    const options = { includeMasterKey: true, progress: () => {}, clock };
    const first = await createBackup(config, options);
    const second = await createBackup(config, options);
    expect(basename(first.file)).toBe('baas-backup-20261101T031500Z.tar.gz');
    expect(basename(second.file)).toBe('baas-backup-20261101T031500Z-2.tar.gz');
    // Nothing of the work in progress stays behind.
    expect(readdirSync(join(config.dataDir, 'backups')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('fails in one line when there is no database to back up', async () => {
    const result = await runCli(['backup'], { env: { BAAS_DATA_DIR: tempDir() } });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^✗ backup: SQLite .*baas\.sqlite does not exist: there is nothing to back up\./);
  });

  describe('on PostgreSQL', () => {
    const env = (path: string, dataDir: string) => ({
      PATH: path,
      BAAS_DATA_DIR: dataDir,
      BAAS_DATABASE_URL: 'postgres://baas:s3cret@127.0.0.1:5432/baas',
    });

    it('dumps with pg_dump in custom format, the password kept off its command line', async () => {
      const bin = tempDir('fake-bin');
      const log = join(bin, 'calls.log');
      // Stands in for pg_dump: records how it was called and writes the dump file it was asked for.
      writeFileSync(
        join(bin, 'pg_dump'),
        `#!/bin/sh\nprintf '%s\\n' "$*" "PGPASSWORD=$PGPASSWORD" > "${log}"\nfor a in "$@"; do case "$a" in --file=*) echo dump > "\${a#--file=}";; esac; done\n`,
      );
      chmodSync(join(bin, 'pg_dump'), 0o755);
      const dataDir = tempDir();
      const result = await runCli(['backup', '--json'], { env: env(`${bin}:${process.env.PATH}`, dataDir) });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const output = JSON.parse(result.stdout);
      expect(output.database).toEqual({ kind: 'postgres', source: 'PostgreSQL postgres://baas:***@127.0.0.1:5432/baas' });
      expect(members(output.file)).toEqual(['baas.pgdump', 'manifest.json']);
      const [args, password] = readFileSync(log, 'utf8').trim().split('\n');
      expect(args).toMatch(/^--format=custom --no-owner --file=\S+baas\.pgdump --dbname=postgres:\/\/baas@127\.0\.0\.1:5432\/baas$/);
      expect(password).toBe('PGPASSWORD=s3cret');
    });

    it('explains what to install when pg_dump is missing (exit 69)', async () => {
      const dataDir = tempDir();
      const result = await runCli(['backup'], { env: env(tempDir('empty-path'), dataDir) });
      expect(result.code).toBe(69);
      expect(result.stderr).toContain('pg_dump is not installed. Fix: apt-get install postgresql-client');
      expect(existsSync(join(dataDir, 'backups')) ? readdirSync(join(dataDir, 'backups')) : []).toEqual([]);
    });
  });
});
