import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadConfig, type Config } from '../../../config/load.js';
import { systemClock, type Clock } from '../../../shared/clock.js';
import { EXIT, SetupError, invalidState } from '../../../shared/errors.js';
import { compactTimestamp } from './backup-files.js';
import { PG_DUMP_FILE, SQLITE_FILE, type Manifest } from './manifest.js';
import { planMasterKey } from './restore-master-key.js';
import { healthAnswers, processesHolding } from './running-instance.js';
import { checkStagedDatabase } from './staged-database.js';
import { checkArchive, unpackVerified } from './verify-archive.js';

const PG_RESTORE = `restore it with PostgreSQL's tools: tar -xzf FILE ${PG_DUMP_FILE} && pg_restore --clean --if-exists -d "$BAAS_DATABASE_URL" ${PG_DUMP_FILE}`;

export interface RestoreOptions {
  file: string;
  /** Restore into this data dir (its baas.sqlite and master.key) instead of the configured instance's. */
  dataDir?: string;
  /** Replace an existing database (and a different master key); the old files are kept aside. */
  force: boolean;
  env: NodeJS.ProcessEnv;
  progress: (line: string) => void;
  clock?: Clock;
}

export interface RestoreResult {
  database: string;
  masterKey: string;
  /** Files that were in the way, renamed `<name>.before-restore-<time>`. */
  movedAside: string[];
  /** Migrations the next `baas start` (or `baas migrate`) applies: the backup was older than this baas. */
  pendingMigrations: number;
  manifest: Manifest;
}

/**
 * Puts a backup back: every check (checksum, contents, integrity, schema version, master key,
 * no process using the database, no data replaced without --force) passes before the first
 * file is touched, and what is replaced is renamed aside rather than deleted.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const configured = loadConfig(options.env);
  const config = options.dataDir ? intoDataDir(options.env, resolve(options.dataDir)) : configured;
  const target = config.database;
  if (target.kind !== 'sqlite' || target.path === ':memory:') {
    throw invalidState('restore_unsupported', `this instance uses PostgreSQL, which baas restore does not write: ${PG_RESTORE}`);
  }
  const file = resolve(options.file);
  await checkArchive(file, options.progress);
  // The configured host and port are the configured database's server, and no other's.
  const probe = configured.database.kind === 'sqlite' && configured.database.path === target.path ? config : null;
  await refuseIfRunning(target.path, probe);
  if (existsSync(target.path) && !options.force) {
    throw invalidState('data_exists', `${target.path} already exists. Fix: pass --force to replace it (the current files are kept aside)`);
  }

  const dir = dirname(target.path);
  mkdir(dir);
  mkdir(config.dataDir);
  const staging = mkdtempSync(join(dir, '.restore-'));
  try {
    const manifest = await unpackVerified(file, staging);
    options.progress(`✓ contents match the manifest (backup of ${manifest.created_at} by baas ${manifest.baas_version})`);
    if (manifest.database.kind !== 'sqlite') {
      throw invalidState('restore_unsupported', `${basename(file)} holds a PostgreSQL dump: ${PG_RESTORE}`);
    }
    const { pending } = await checkStagedDatabase(join(staging, SQLITE_FILE), manifest.baas_version);
    options.progress('✓ PRAGMA integrity_check: ok');
    const key = planMasterKey(config, manifest, staging, file);
    if (key.replaces && !options.force) {
      throw invalidState(
        'data_exists',
        `${key.location} is a different master key. Fix: pass --force to replace it (the current one is kept aside)`,
      );
    }
    // Checked again just before writing: a server may have started while we verified.
    await refuseIfRunning(target.path, probe);
    const suffix = `.before-restore-${compactTimestamp((options.clock ?? systemClock).now())}`;
    const movedAside = [
      // A -wal or -shm left beside the path belongs to the old database: SQLite would replay it into the new one.
      ...[target.path, `${target.path}-wal`, `${target.path}-shm`].flatMap((path) => moveAside(path, target.path, suffix)),
      ...(key.write ? moveAside(key.location, key.location, suffix) : []),
    ];
    if (key.write) writeFileSync(key.location, key.write, { mode: 0o600, flag: 'wx' });
    renameSync(join(staging, SQLITE_FILE), target.path);
    return { database: target.path, masterKey: key.location, movedAside, pendingMigrations: pending, manifest };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** `--data-dir DIR` means DIR's own database and key, as `BAAS_DATA_DIR=DIR` alone would place them. */
function intoDataDir(env: NodeJS.ProcessEnv, dataDir: string): Config {
  return loadConfig({ ...env, BAAS_DATA_DIR: dataDir, BAAS_DATABASE_URL: `sqlite:${join(dataDir, SQLITE_FILE)}` });
}

/**
 * Two signals, because either alone can miss: a process holding the database open (Linux
 * /proc, which sees the server whether or not it listens yet, but not other users' processes
 * unless we are root) and a server answering /healthz at the configured address.
 */
async function refuseIfRunning(database: string, configured: Config | null): Promise<void> {
  const holders = processesHolding([database, `${database}-wal`]);
  if (holders.length) {
    throw invalidState(
      'instance_running',
      `${database} is open in process ${holders.join(', ')} (a running baas?). Fix: stop it first (sudo systemctl stop baas), then restore`,
    );
  }
  if (configured && (await healthAnswers(configured.host, configured.port))) {
    throw invalidState(
      'instance_running',
      `a baas server answers on ${configured.host}:${configured.port}, and it uses ${database}. Fix: stop it first (sudo systemctl stop baas), then restore`,
    );
  }
}

function moveAside(path: string, base: string, suffix: string): string[] {
  if (!existsSync(path)) return [];
  const aside = `${base}${suffix}${path.slice(base.length)}`;
  renameSync(path, aside);
  return [aside];
}

function mkdir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new SetupError(
      [`restore: cannot create ${dir} (${(error as NodeJS.ErrnoException).code}). Fix: make it writable by this user`],
      EXIT.cantCreate,
    );
  }
}
