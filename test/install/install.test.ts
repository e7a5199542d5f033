import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The installer as an agency runs it, minus root and systemd: `npm pack` of this checkout,
 * install.sh into temp dirs, then the installed `baas` for everything else. It uses the
 * build in dist/ (`npm test` builds first) and the npm registry, for the production
 * dependencies; sqlite3 compiling from source makes the first install take 1-3 minutes.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INSTALL_SH = join(ROOT, 'install.sh');
const USER = userInfo().username;
const HAS_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;
const HAS_SYSTEMD_ANALYZE = spawnSync('systemd-analyze', ['--version']).status === 0;

interface Run {
  code: number | null;
  out: string;
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BAAS_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('install.sh', { timeout: 10 * 60_000 }, () => {
  let root: string;
  let tarball: string;
  let port: number;
  let dirs: { prefix: string; data: string; config: string };
  let baasBin: string;
  let server: ChildProcess | null = null;
  let firstInstall: Run;
  let store: { id: string; secret: string };

  const installArgs = () => [
    INSTALL_SH,
    '--from',
    tarball,
    '--prefix',
    dirs.prefix,
    '--data-dir',
    dirs.data,
    '--config-dir',
    dirs.config,
    '--no-systemd',
    '--port',
    String(port),
    '--user',
    USER,
  ];
  const install = () => run('bash', installArgs(), { timeoutMs: 8 * 60_000 });
  const baasJson = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = await run(baasBin, [...args, '--json'], { env });
    expect(result.code, result.out).toBe(0);
    return JSON.parse(result.out);
  };
  const backups = () => readdirSync(join(dirs.data, 'backups')).filter((name) => name.endsWith('.tar.gz'));

  async function startServer(): Promise<void> {
    server = spawn(baasBin, ['start'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BAAS_LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (health?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the installed baas did not answer /healthz within 30 s');
  }

  async function stopServer(): Promise<void> {
    if (!server) return;
    const exited = new Promise((resolve) => server!.once('close', resolve));
    server.kill('SIGTERM');
    await exited;
    server = null;
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'baas-install-'));
    dirs = { prefix: join(root, 'opt'), data: join(root, 'data'), config: join(root, 'etc') };
    baasBin = join(dirs.prefix, 'bin', 'baas');
    const pack = await run('npm', ['pack', '--silent', '--pack-destination', root]);
    expect(pack.code, pack.out).toBe(0);
    tarball = join(root, pack.out.trim().split('\n').at(-1)!);
    port = await freePort();
    firstInstall = await install();
  }, 9 * 60_000);

  afterAll(async () => {
    await stopServer();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('installs into user-writable dirs without root or systemd, and says where everything is', () => {
    expect(firstInstall.code, firstInstall.out).toBe(0);
    expect(firstInstall.out).toContain('baas 0.1.0 is installed.');
    expect(firstInstall.out).toContain(`http://127.0.0.1:${port}`);
    expect(firstInstall.out).toContain(`Config     ${join(dirs.config, 'config.json')}`);
    expect(firstInstall.out).toContain(`Data       ${dirs.data}`);
    expect(firstInstall.out).toMatch(/Create a store: .* stores create --name/);
    expect(statSync(baasBin).mode & 0o111).not.toBe(0);
    expect(statSync(dirs.data).mode & 0o777).toBe(0o700);
    expect(statSync(join(dirs.config, 'config.json')).mode & 0o777).toBe(0o640);
    expect(JSON.parse(readFileSync(join(dirs.config, 'config.json'), 'utf8'))).toMatchObject({ data_dir: dirs.data, port });
    expect(existsSync(join(dirs.data, 'master.key'))).toBe(true);
    expect(existsSync(join(dirs.prefix, 'app', 'node_modules', 'sqlite3'))).toBe(true);
  });

  it.skipIf(!HAS_SHELLCHECK && !process.env.CI)('writes a shellcheck-clean launcher', () => {
    const result = spawnSync('shellcheck', [baasBin], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  // systemd-analyze verify needs only the unit file and the programs it names, not a running systemd.
  it.skipIf(!HAS_SYSTEMD_ANALYZE)('writes a systemd unit that passes systemd-analyze verify', () => {
    const unit = readFileSync(join(dirs.prefix, 'baas.service'), 'utf8');
    for (const directive of [
      'NoNewPrivileges=true',
      'ProtectSystem=strict',
      `ReadWritePaths=${dirs.data}`,
      'PrivateTmp=true',
      'Restart=on-failure',
    ]) {
      expect(unit).toContain(directive);
    }
    expect(unit).toContain(`EnvironmentFile=${join(dirs.config, 'baas.env')}`);
    const result = spawnSync('systemd-analyze', ['verify', join(dirs.prefix, 'baas.service')], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('serves /healthz from the installed launcher, and the installed baas creates a store', async () => {
    await startServer();
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok', version: '0.1.0' });
    const created = await baasJson(['stores', 'create', '--name', 'Loja da Ana', '--currency', 'BRL', '--locale', 'pt-BR']);
    store = { id: created.id, secret: created.test_key.secret };
    const answer = await fetch(`http://127.0.0.1:${port}/v1/store`, { headers: { authorization: `Bearer ${store.secret}` } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: store.id, name: 'Loja da Ana' });
  });

  it('backs up while the server runs and restores into a second directory, where the store reads back', async () => {
    const backup = await baasJson(['backup']);
    expect(backup.file).toMatch(/baas-backup-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(backup.master_key.included).toBe(true);
    const second = join(root, 'restored');
    const restored = await baasJson(['restore', backup.file, '--data-dir', second]);
    expect(restored.database).toBe(join(second, 'baas.sqlite'));
    expect(readFileSync(join(second, 'master.key'))).toEqual(readFileSync(join(dirs.data, 'master.key')));
    expect(await baasJson(['stores', 'show', store.id], { BAAS_DATA_DIR: second })).toMatchObject({
      id: store.id,
      name: 'Loja da Ana',
      slug: 'loja-da-ana',
    });

    const refused = await run(baasBin, ['restore', backup.file, '--force']);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/open in process \d+|a baas server answers/);
  });

  it('upgrades in place when run again: backs up first, migrates, and loses nothing', async () => {
    await stopServer();
    const before = backups().length;
    const key = readFileSync(join(dirs.data, 'master.key'));
    const upgrade = await install();
    expect(upgrade.code, upgrade.out).toBe(0);
    expect(upgrade.out).toContain('upgrading baas 0.1.0 to 0.1.0, backing up first');
    expect(upgrade.out).toContain('Applying migrations');
    expect(upgrade.out).toContain('baas 0.1.0 is upgraded from 0.1.0.');
    expect(backups()).toHaveLength(before + 1);
    expect(readFileSync(join(dirs.data, 'master.key'))).toEqual(key);

    await startServer();
    const answer = await fetch(`http://127.0.0.1:${port}/v1/store`, { headers: { authorization: `Bearer ${store.secret}` } });
    expect(await answer.json()).toMatchObject({ id: store.id, name: 'Loja da Ana' });
    const listed = await baasJson(['stores', 'list']);
    expect(listed.data.map((s: { id: string }) => s.id)).toContain(store.id);
    await stopServer();
  });

  it('uninstalls the program but keeps config and data; --purge removes them', async () => {
    const args = ['--prefix', dirs.prefix, '--data-dir', dirs.data, '--config-dir', dirs.config, '--no-systemd', '--user', USER];
    const removed = await run('bash', [INSTALL_SH, '--uninstall', ...args]);
    expect(removed.code, removed.out).toBe(0);
    expect(existsSync(dirs.prefix)).toBe(false);
    expect(existsSync(join(dirs.data, 'baas.sqlite'))).toBe(true);
    expect(existsSync(join(dirs.config, 'config.json'))).toBe(true);
    const purged = await run('bash', [INSTALL_SH, '--uninstall', '--purge', ...args]);
    expect(purged.code, purged.out).toBe(0);
    expect(existsSync(dirs.data)).toBe(false);
    expect(existsSync(dirs.config)).toBe(false);
  });
});

describe('install.sh and what it writes', () => {
  // .ci/run installs shellcheck; elsewhere it may be missing, which only CI must not tolerate.
  it.skipIf(!HAS_SHELLCHECK && !process.env.CI)('is shellcheck-clean', () => {
    const result = spawnSync('shellcheck', [INSTALL_SH], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('prints its help, naming every option', () => {
    const result = spawnSync('bash', [INSTALL_SH, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const option of [
      '--from',
      '--prefix',
      '--data-dir',
      '--config-dir',
      '--port',
      '--public-url',
      '--no-systemd',
      '--uninstall',
      '--purge',
    ]) {
      expect(result.stdout).toContain(option);
    }
  });

  it('refuses unknown options and a system directory as prefix, before changing anything', () => {
    expect(spawnSync('bash', [INSTALL_SH, '--bogus'], { encoding: 'utf8' }).stderr).toContain('unknown option --bogus');
    const result = spawnSync('bash', [INSTALL_SH, '--prefix', '/usr', '--no-systemd'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--prefix /usr is a system directory');
  });
});
