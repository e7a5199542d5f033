import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../../config/load.js';
import { masterKeyPath, readMasterKey } from '../../../runtime/master-key.js';
import { invalidState } from '../../../shared/errors.js';
import { sha256 } from './checksum.js';
import { corrupt } from './verify-archive.js';
import { KEY_FILE, type Manifest } from './manifest.js';

export interface MasterKeyPlan {
  /** Where the key lives after the restore; `BAAS_MASTER_KEY` when the setting provides it. */
  location: string;
  /** The key file's contents to write, or null when the key already in place is the right one. */
  write: Buffer | null;
  /** A different key file is in place: it is only replaced with --force. */
  replaces: boolean;
}

/**
 * The restored credentials open only with the key they were sealed with, whose fingerprint the
 * manifest records. Whatever key will be in use after the restore must be that one: the
 * archive's, or (archives made with --no-master-key) the one already in place.
 */
export function planMasterKey(config: Config, manifest: Manifest, staging: string, archive: string): MasterKeyPlan {
  const wanted = manifest.master_key.fingerprint;
  const short = wanted?.slice(0, 16);
  if (config.masterKey) {
    if (wanted && sha256(config.masterKey) !== wanted) {
      throw invalidState(
        'master_key_mismatch',
        `BAAS_MASTER_KEY is not the key this backup's credentials were sealed with (fingerprint ${short}…). Fix: set BAAS_MASTER_KEY to that key${manifest.master_key.included ? ', or unset it to use the key in the archive' : ''}`,
      );
    }
    return { location: 'BAAS_MASTER_KEY', write: null, replaces: false };
  }
  const location = masterKeyPath(config.dataDir);
  const present = existsSync(location) ? sha256(readMasterKey(location)) : null;
  if (manifest.master_key.included) {
    const staged = join(staging, KEY_FILE);
    if (sha256(readMasterKey(staged)) !== wanted) throw corrupt(archive, 'master.key is not the key the manifest names');
    return present === wanted
      ? { location, write: null, replaces: false }
      : { location, write: readFileSync(staged), replaces: present !== null };
  }
  if (wanted && present !== wanted) {
    throw invalidState(
      present ? 'master_key_mismatch' : 'master_key_missing',
      `this backup was made with --no-master-key and ${present ? `${location} is another key` : `there is no ${location}`}: its credentials need the key with fingerprint ${short}…. Fix: put that key at ${location} (mode 0600) or set BAAS_MASTER_KEY, then restore again`,
    );
  }
  return { location, write: null, replaces: false };
}
