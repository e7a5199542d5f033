import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE, type Config } from '../../../config/load.js';
import { describeDatabase } from '../../../db/orm.js';
import { masterKeyPath, readMasterKey } from '../../../runtime/master-key.js';
import { systemClock, type Clock } from '../../../shared/clock.js';
import { EXIT, SetupError } from '../../../shared/errors.js';
import { VERSION } from '../../../shared/package-info.js';
import { backupName, defaultBackupDir } from './backup-files.js';
import { sha256, sha256File, writeChecksumFile } from './checksum.js';
import { pgDump, snapshotSqlite } from './database-dump.js';
import { formatBytes } from './format-bytes.js';
import { CONFIG_DIR, KEY_FILE, MANIFEST_FILE, PG_DUMP_FILE, SQLITE_FILE, type Manifest } from './manifest.js';
import { packTarGz } from './tar.js';

export interface BackupOptions {
  /** Where the archive goes; `<data dir>/backups` when not given. */
  to?: string;
  /** false: the archive records only the key's fingerprint, and the key must be kept elsewhere. */
  includeMasterKey: boolean;
  progress: (line: string) => void;
  clock?: Clock;
}

export interface BackupResult {
  file: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
  manifest: Manifest;
}

/**
 * One archive holding everything needed to bring the instance back: a consistent copy of the
 * database, the master key (or its fingerprint) and the operator's config file, with a
 * manifest of SHA-256 sums inside and the archive's own sum beside it. The archive appears
 * whole or not at all, and never replaces another.
 */
export async function createBackup(config: Config, options: BackupOptions): Promise<BackupResult> {
  const dir = resolve(options.to ?? defaultBackupDir(config));
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new SetupError(
      [`backup: cannot create ${dir} (${(error as NodeJS.ErrnoException).code}). Fix: pass --to a directory this user can write`],
      EXIT.cantCreate,
    );
  }
  const staging = mkdtempSync(join(dir, '.backup-'));
  try {
    const database = await dumpDatabase(config, staging, options.progress);
    const masterKey = stageMasterKey(config, staging, options.includeMasterKey);
    const configFiles = stageConfigFiles(config, staging);
    const members = [database.file, ...(masterKey.included ? [KEY_FILE] : []), ...configFiles.map((c) => c.file)];
    const createdAt = (options.clock ?? systemClock).now();
    const manifest: Manifest = {
      format: 'baas-backup',
      format_version: 1,
      created_at: createdAt.toISOString(),
      baas_version: VERSION,
      node: process.version,
      database,
      master_key: masterKey,
      config_files: configFiles,
      files: await describeFiles(staging, members),
    };
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const file = await writeArchive(dir, staging, [MANIFEST_FILE, ...members], createdAt);
    const digest = await sha256File(file);
    return { file, checksumFile: writeChecksumFile(file, digest), sha256: digest, bytes: statSync(file).size, manifest };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function dumpDatabase(config: Config, staging: string, progress: (line: string) => void): Promise<Manifest['database']> {
  const target = config.database;
  const source = describeDatabase(target);
  if (target.kind === 'postgres') {
    progress(`Backing up ${source} with pg_dump (custom format: restore it with pg_restore)…`);
    await pgDump(target.url, join(staging, PG_DUMP_FILE));
    return { kind: 'postgres', file: PG_DUMP_FILE, source };
  }
  if (target.path === ':memory:' || !existsSync(target.path)) {
    throw new SetupError(
      [`backup: ${source} does not exist: there is nothing to back up. Fix: check BAAS_DATA_DIR / BAAS_CONFIG`],
      EXIT.config,
    );
  }
  progress(`Backing up ${source} (${formatBytes(statSync(target.path).size)}) with VACUUM INTO: the server may keep running…`);
  await snapshotSqlite(target, join(staging, SQLITE_FILE));
  return { kind: 'sqlite', file: SQLITE_FILE, source: target.path };
}

function stageMasterKey(config: Config, staging: string, include: boolean): Manifest['master_key'] {
  if (config.masterKey) return { included: false, source: 'BAAS_MASTER_KEY', fingerprint: sha256(config.masterKey) };
  const file = masterKeyPath(config.dataDir);
  // `baas migrate` alone makes no key: nothing was encrypted yet, so there is nothing to lose.
  if (!existsSync(file)) return { included: false, source: 'missing', fingerprint: null };
  const fingerprint = sha256(readMasterKey(file));
  if (include) {
    copyFileSync(file, join(staging, KEY_FILE));
    chmodSync(join(staging, KEY_FILE), 0o600);
  }
  return { included: include, source: file, fingerprint };
}

/** The operator's file named by BAAS_CONFIG; the shipped defaults come back with the package. */
function stageConfigFiles(config: Config, staging: string): Manifest['config_files'] {
  const sources = config.sources.filter((source) => source !== DEFAULT_CONFIG_FILE);
  if (sources.length) mkdirSync(join(staging, CONFIG_DIR), { mode: 0o700 });
  return sources.map((source) => {
    const file = `${CONFIG_DIR}/${basename(source)}`;
    copyFileSync(source, join(staging, file));
    return { file, source };
  });
}

async function describeFiles(staging: string, members: string[]): Promise<Manifest['files']> {
  const files: Manifest['files'] = {};
  for (const member of members) {
    const path = join(staging, member);
    files[member] = { sha256: await sha256File(path), bytes: statSync(path).size };
  }
  return files;
}

/** Packed in the staging dir, then hard-linked to its final name: link never replaces an existing file. */
async function writeArchive(dir: string, staging: string, members: string[], at: Date): Promise<string> {
  const packed = join(staging, 'archive.tar.gz');
  await packTarGz(staging, members, packed);
  // It may hold the master key: readable by its owner only.
  chmodSync(packed, 0o600);
  for (let attempt = 1; ; attempt++) {
    const file = join(dir, backupName(at, attempt));
    try {
      linkSync(packed, file);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
