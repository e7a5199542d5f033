import type { Config } from '../../config/load.js';
import { defaultBackupDir, newestBackup } from './backup/backup-files.js';
import type { Check } from './doctor-check.js';
import { formatAge } from './format-age.js';

/** Older than this, the newest backup is worth a warning: the installer's and the docs' advice is daily. */
const MAX_BACKUP_AGE_SECONDS = 24 * 3600;

export function checkBackupAge(config: Config, now: Date): Check {
  const dir = defaultBackupDir(config);
  const fix = 'Fix: run `baas backup` daily (see docs/install.md) and copy the archives off this machine';
  const newest = newestBackup(dir);
  if (!newest) return { name: 'backup', ok: true, warning: true, detail: `no backup in ${dir} yet. ${fix}` };
  const age = Math.max(0, Math.floor((now.getTime() - newest.createdAt.getTime()) / 1000));
  const detail = `newest ${newest.file}, ${formatAge(age)} old`;
  return age > MAX_BACKUP_AGE_SECONDS
    ? { name: 'backup', ok: true, warning: true, detail: `${detail}. ${fix}` }
    : { name: 'backup', ok: true, detail };
}
