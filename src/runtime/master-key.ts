import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, SetupError } from '../shared/errors.js';

export const MASTER_KEY_FILE = 'master.key';
const KEY_BYTES = 32;

export function masterKeyPath(dataDir: string): string {
  return join(dataDir, MASTER_KEY_FILE);
}

/**
 * The instance master key encrypts provider credentials at rest. BAAS_MASTER_KEY wins; else it
 * is read from <data dir>/master.key, generated there on first start with mode 0600. Creation
 * links a complete file into place, so two processes starting at once cannot each write a
 * different key, nor read the other's half-written.
 */
export function loadOrCreateMasterKey(dataDir: string, fromEnv?: Buffer): Buffer {
  if (fromEnv) return fromEnv;
  const file = masterKeyPath(dataDir);
  // Every start but the first: read it, writing nothing (the data dir may be read-only to this user).
  if (existsSync(file)) return readMasterKey(file);
  // Written whole under a name of its own, then linked into place: link() fails if the key
  // exists, so a process starting at the same moment never sees a key half-written (with an
  // O_EXCL create, the file was there, empty, before its bytes were).
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(draft, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new SetupError(
        [`master key: cannot create ${file} (${(error as NodeJS.ErrnoException).code}). Fix: make the data dir writable`],
        EXIT.cantCreate,
      );
    }
  } finally {
    rmSync(draft, { force: true });
  }
  return readMasterKey(file);
}

export function readMasterKey(file: string): Buffer {
  let key: Buffer;
  try {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    throw new SetupError(
      [
        `master key: cannot read ${file} (${(error as NodeJS.ErrnoException).code}). Fix: restore it from your backup or set BAAS_MASTER_KEY`,
      ],
      EXIT.config,
    );
  }
  if (key.length !== KEY_BYTES) {
    throw new SetupError(
      [`master key: ${file} does not hold 32 base64-encoded bytes. Fix: restore it from your backup or set BAAS_MASTER_KEY`],
      EXIT.config,
    );
  }
  return key;
}

/** Permission bits other than the owner's read/write, which a key file must not have. */
export function masterKeyLooseBits(file: string): number {
  return statSync(file).mode & 0o177;
}
