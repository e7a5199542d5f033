import { accessSync, constants, mkdirSync } from 'node:fs';
import { EXIT, SetupError } from '../shared/errors.js';

/** Creates the data dir if needed and proves we can write there, before anything else runs. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SetupError(
      [`data_dir: cannot use ${dir} (${code}). Fix: create it and make it writable by this user, or set BAAS_DATA_DIR elsewhere`],
      EXIT.cantCreate,
    );
  }
}
