import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestInstance } from '../helpers/instance.js';
import { runCli, spawnServer } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const MP_TOKEN = 'TEST-1234567890-restoreME-77aa';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** One instance with a store holding a credential, and its backups: made once, only read by the tests. */
let source: { dir: string; dataDir: string; env: NodeJS.ProcessEnv; storeId: string; archive: string; keyless: string };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baas-restore-'));
  const dataDir = join(dir, 'data');
  const env = { BAAS_DATA_DIR: dataDir };
  expect((await runCli(['migrate'], { env })).code).toBe(0);
  const created = await runCli(
    ['stores', 'create', '--name', 'Loja', '--currency', 'BRL', '--locale', 'pt-BR', '--mercadopago-token', MP_TOKEN, '--json'],
    { env },
  );
  const archive = JSON.parse((await runCli(['backup', '--json'], { env })).stdout).file;
  const keyless = JSON.parse((await runCli(['backup', '--to', join(dir, 'keyless'), '--no-master-key', '--json'], { env })).stdout).file;
  source = { dir, dataDir, env, storeId: JSON.parse(created.stdout).id, archive, keyless };
}, 60_000);

afterAll(() => rmSync(source.dir, { recursive: true, force: true }));

async function restore(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = await runCli(['restore', ...args, '--json'], { env });
  return { code: result.code, output: JSON.parse(result.stdout), stderr: result.stderr };
}

/** Unpacks the archive, lets `change` alter the files, and packs them again (without a .sha256 beside). */
function tampered(change: (dir: string) => void): string {
  const work = tempDir('baas-tamper');
  const dir = join(work, 'x');
  mkdirSync(dir);
  spawnSync('tar', ['-xzf', source.archive, '-C', dir]);
  change(dir);
  const file = join(work, 'baas-backup-20261101T000000Z.tar.gz');
  spawnSync('tar', ['-czf', file, '-C', dir, ...readdirSync(dir)]);
  return file;
}

/** Keeps the manifest's sums true to the files, so only the check under test can catch the change. */
function resum(dir: string, name: string) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const bytes = readFileSync(join(dir, name));
  manifest.files[name] = { sha256: sha256(bytes), bytes: bytes.length };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

describe('baas restore', { timeout: 60_000 }, () => {
  it('restores into an empty data dir: the store comes back and its credentials open with the restored key', async () => {
    const target = join(tempDir(), 'restored');
    const result = await runCli(['restore', source.archive, '--data-dir', target]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ sha256 matches');
    expect(result.stdout).toContain('✓ contents match the manifest');
    expect(result.stdout).toContain('✓ PRAGMA integrity_check: ok');
    expect(result.stdout).toContain(`Restored ${join(target, 'baas.sqlite')}`);
    expect(readFileSync(join(target, 'master.key'))).toEqual(readFileSync(join(source.dataDir, 'master.key')));

    const instance = await openTestInstance({ env: { BAAS_DATA_DIR: target } });
    expect((await instance.stores.find(source.storeId)).name).toBe('Loja');
    expect((await instance.stores.credentials(source.storeId, 'test'))['mercadopago.access_token']).toBe(MP_TOKEN);
  });

  it('refuses to replace a database without --force; with it, the replaced files are kept aside', async () => {
    const target = tempDir();
    expect((await restore([source.archive, '--data-dir', target])).code).toBe(0);
    const refused = await restore([source.archive, '--data-dir', target]);
    expect(refused.code).toBe(1);
    expect(refused.output.error).toMatchObject({ code: 'data_exists', message: expect.stringContaining('pass --force') });

    const forced = await restore([source.archive, '--data-dir', target, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.output.moved_aside).toEqual([expect.stringMatching(/baas\.sqlite\.before-restore-\d{8}T\d{6}Z$/)]);
    expect(readdirSync(target).sort()).toEqual(['baas.sqlite', expect.stringMatching(/^baas\.sqlite\.before-restore-/), 'master.key']);
  });

  it('refuses while a process has the database open', async () => {
    const target = tempDir();
    expect((await restore([source.archive, '--data-dir', target])).code).toBe(0);
    const server = await spawnServer({ BAAS_DATA_DIR: target });
    try {
      const refused = await restore([source.archive, '--force'], { BAAS_DATA_DIR: target, BAAS_PORT: '1' });
      expect(refused.code).toBe(1);
      expect(refused.output.error).toMatchObject({
        code: 'instance_running',
        message: expect.stringMatching(new RegExp(`baas\\.sqlite is open in process ${server.child.pid}\\b.*Fix: stop it first`)),
      });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it("refuses when a baas server answers /healthz at the configured address, and only for the configured instance's data", async () => {
    const health: Server = createServer((_req, res) => res.end(JSON.stringify({ status: 'ok', version: '0.1.0' })));
    await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
    const env = { BAAS_DATA_DIR: tempDir(), BAAS_PORT: String((health.address() as { port: number }).port) };
    try {
      const refused = await restore([source.archive], env);
      expect(refused.output.error).toMatchObject({
        code: 'instance_running',
        message: expect.stringContaining('a baas server answers on 127.0.0.1:'),
      });
      // Another data dir is not that server's: restoring there is fine.
      expect((await restore([source.archive, '--data-dir', tempDir()], env)).code).toBe(0);
    } finally {
      health.close();
    }
  });

  it('refuses an archive that does not match the .sha256 beside it, and writes nothing', async () => {
    const dir = tempDir();
    const archive = join(dir, 'baas-backup-20261101T000000Z.tar.gz');
    const bytes = readFileSync(source.archive);
    bytes[bytes.length - 20]! ^= 0xff;
    writeFileSync(archive, bytes);
    copyFileSync(`${source.archive}.sha256`, `${archive}.sha256`);
    const target = join(dir, 'target');
    const refused = await restore([archive, '--data-dir', target]);
    expect(refused.code).toBe(1);
    expect(refused.output.error).toMatchObject({ code: 'backup_checksum_mismatch', param: 'file' });
    expect(existsSync(target)).toBe(false);
  });

  it('without a .sha256 checks every file against the manifest', async () => {
    const archive = tampered((dir) =>
      writeFileSync(join(dir, 'baas.sqlite'), Buffer.concat([readFileSync(join(dir, 'baas.sqlite')), Buffer.alloc(4096)])),
    );
    const target = tempDir();
    const result = await runCli(['restore', archive, '--data-dir', target]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('! no baas-backup-20261101T000000Z.tar.gz.sha256 beside it');
    expect(result.stderr).toMatch(/^✗ .* is damaged: baas\.sqlite does not match its checksum\. Fix: restore another backup\n$/);
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses a database that fails PRAGMA integrity_check', async () => {
    const archive = tampered((dir) => {
      const database = readFileSync(join(dir, 'baas.sqlite'));
      database.fill(0x5a, 4096 * 3 + 8, 4096 * 6);
      writeFileSync(join(dir, 'baas.sqlite'), database);
      resum(dir, 'baas.sqlite');
    });
    const refused = await restore([archive, '--data-dir', tempDir()]);
    expect(refused.code).toBe(1);
    expect(refused.output.error).toMatchObject({
      code: 'backup_corrupt',
      message: expect.stringMatching(/integrity_check|cannot be opened/),
    });
  });

  it('refuses what is not a baas backup', async () => {
    const archive = tampered((dir) => writeFileSync(join(dir, 'notes.txt'), 'hello'));
    const refused = await restore([archive, '--data-dir', tempDir()]);
    expect(refused.output.error).toMatchObject({ code: 'backup_invalid', message: expect.stringContaining('it holds notes.txt') });
  });

  it('restores a --no-master-key backup only where its key already is', async () => {
    const target = tempDir();
    const missing = await restore([source.keyless, '--data-dir', target]);
    expect(missing.output.error).toMatchObject({ code: 'master_key_missing', message: expect.stringContaining('fingerprint') });
    copyFileSync(join(source.dataDir, 'master.key'), join(target, 'master.key'));
    const restored = await restore([source.keyless, '--data-dir', target]);
    expect(restored.code).toBe(0);
    expect(restored.output.master_key).toBe(join(target, 'master.key'));
  });

  it('on PostgreSQL, says how to restore with pg_restore', async () => {
    const refused = await restore([source.archive], { BAAS_DATABASE_URL: 'postgres://baas@127.0.0.1:5432/baas' });
    expect(refused.output.error).toMatchObject({ code: 'restore_unsupported', message: expect.stringContaining('pg_restore') });
  });
});
