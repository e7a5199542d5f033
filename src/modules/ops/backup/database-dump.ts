import { execFile } from 'node:child_process';
import type { DatabaseTarget } from '../../../config/load.js';
import { openOrm } from '../../../db/orm.js';
import { EXIT, SetupError } from '../../../shared/errors.js';

/**
 * A consistent copy of a live SQLite database: `VACUUM INTO` reads it in one transaction through
 * the ORM's connection, so the server keeps writing meanwhile (WAL) and the copy never holds half
 * a transaction, as a copy of the file and its -wal could.
 */
export async function snapshotSqlite(target: Extract<DatabaseTarget, { kind: 'sqlite' }>, file: string): Promise<void> {
  const orm = await openOrm(target);
  try {
    await orm.em.getConnection().execute('VACUUM INTO ?', [file]);
  } finally {
    await orm.close(true);
  }
}

/**
 * PostgreSQL is backed up by its own tool, in pg_dump's custom format (restored with pg_restore).
 * The password goes through PGPASSWORD rather than the command line, where `ps` would show it.
 */
export function pgDump(url: string, file: string): Promise<void> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    execFile('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${target.href}`], { env }, (error, _out, stderr) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new SetupError(
            [
              "backup: this instance uses PostgreSQL, which is backed up with pg_dump, and pg_dump is not installed. Fix: apt-get install postgresql-client (the same major version as the server), or back the database up with your provider's tools",
            ],
            EXIT.unavailable,
          ),
        );
      }
      reject(new SetupError([`backup: pg_dump failed: ${stderr.trim().split('\n')[0] || error.message}`], EXIT.unavailable));
    });
  });
}
