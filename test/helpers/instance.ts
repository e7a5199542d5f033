import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/runtime/logger.js';
import { openInstance, type Instance, type OpenOptions } from '../../src/runtime/instance.js';
import { withTestDatabase } from './test-database.js';
import { tempDir } from './temp-dir.js';

const opened: Instance[] = [];

export const silentLogger = () => createLogger({ level: 'silent', fd: 2 });

/** Services over a real, migrated SQLite file in a temp dir (or the test's PostgreSQL database), without the HTTP server. */
export async function openTestInstance(options: Partial<OpenOptions> & { env?: NodeJS.ProcessEnv } = {}): Promise<Instance> {
  const config = loadConfig(await withTestDatabase({ BAAS_DATA_DIR: tempDir('baas-instance'), ...options.env }));
  const instance = await openInstance(config, silentLogger(), { migrate: true, clock: options.clock });
  opened.push(instance);
  return instance;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((instance) => instance.close()));
});
