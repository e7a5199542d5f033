import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../../config/load.js';

const PREFIX = 'baas-backup-';
const NAME = /^baas-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.tar\.gz$/;

/** Where `baas backup` writes without --to, and where `baas doctor` looks for the newest one. */
export function defaultBackupDir(config: Config): string {
  return join(config.dataDir, 'backups');
}

/** `baas-backup-20261101T031500Z.tar.gz`: sorts by time, safe in any file system, and says when. */
export function backupName(at: Date, attempt: number): string {
  return `${PREFIX}${compactTimestamp(at)}${attempt > 1 ? `-${attempt}` : ''}.tar.gz`;
}

/** ISO 8601 basic format to the second (`20261101T031500Z`), fit for file names. */
export function compactTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** The newest archive in `dir` by the time in its name (copying a file changes its mtime, not its name); null when none. */
export function newestBackup(dir: string): { file: string; createdAt: Date } | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let newest: { file: string; createdAt: Date } | null = null;
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const createdAt = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    if (!newest || createdAt > newest.createdAt) newest = { file: join(dir, name), createdAt };
  }
  return newest;
}
