import { execFile } from 'node:child_process';
import { EXIT, SetupError, invalidRequest } from '../../../shared/errors.js';

/**
 * tar.gz through the system's tar: GNU tar is an essential package on every Debian and Ubuntu
 * (where baas is installed), so backups need no archive code or dependency of our own.
 */
export async function packTarGz(cwd: string, names: string[], file: string): Promise<void> {
  const result = await tar(['--create', '--gzip', `--file=${file}`, `--directory=${cwd}`, '--', ...names]);
  if (!result.ok) {
    throw new SetupError(
      [`backup: cannot write ${file} (${result.reason}). Fix: check the directory is writable and has space`],
      EXIT.cantCreate,
    );
  }
}

export async function listTarGz(file: string): Promise<string[]> {
  const result = await tar(['--list', '--gzip', `--file=${file}`]);
  if (!result.ok) throw unreadable(file, result.reason);
  return result.stdout.split('\n').filter(Boolean);
}

/** Owners and modes in the archive are ignored: what comes out belongs to whoever restores. */
export async function unpackTarGz(file: string, cwd: string): Promise<void> {
  const result = await tar(['--extract', '--gzip', `--file=${file}`, `--directory=${cwd}`, '--no-same-owner', '--no-same-permissions']);
  if (!result.ok) throw unreadable(file, result.reason);
}

function unreadable(file: string, reason: string) {
  return invalidRequest('backup_unreadable', `${file} is not a readable .tar.gz archive (${reason})`, 'file');
}

type TarResult = { ok: true; stdout: string } | { ok: false; reason: string };

function tar(args: string[]): Promise<TarResult> {
  return new Promise((resolve, reject) => {
    execFile('tar', args, { maxBuffer: 16 * 1024 ** 2 }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new SetupError(['backup: the tar program is missing. Fix: apt-get install tar'], EXIT.unavailable));
      }
      resolve({ ok: false, reason: stderr.trim().split('\n')[0] || error.message });
    });
  });
}
