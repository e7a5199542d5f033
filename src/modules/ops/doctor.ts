import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { loadConfig, type Config } from '../../config/load.js';
import { pendingMigrations } from '../../db/migrate.js';
import { describeDatabase, openOrm } from '../../db/orm.js';
import { SetupError } from '../../shared/errors.js';
import { masterKeyLooseBits, masterKeyPath, readMasterKey } from '../../runtime/master-key.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Below this much free space SQLite, logs and the mail sandbox are at risk. */
const MIN_FREE_BYTES = 512 * 1024 ** 2;

/**
 * Looks at an installation without changing it: nothing is created, migrated or repaired, so
 * `baas doctor` is safe to run against a live server at any time.
 */
export async function runDoctor(env: NodeJS.ProcessEnv): Promise<Check[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return error.problems.map((problem) => ({ name: 'config', ok: false, detail: problem }));
  }
  const checks: Check[] = [
    {
      name: 'config',
      ok: true,
      detail: config.sources.length ? `from ${config.sources.join(', ')} and the environment` : 'defaults and the environment',
    },
  ];
  checks.push(checkDataDir(config.dataDir));
  checks.push(checkDisk(config.dataDir));
  checks.push(checkMasterKey(config));
  checks.push(...(await checkDatabase(config)));
  return checks;
}

function checkDataDir(dir: string): Check {
  try {
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
    return { name: 'data dir', ok: true, detail: `${dir} is writable` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const fix = code === 'ENOENT' ? 'run `baas init` or `baas start` to create it' : 'make it writable by this user';
    return { name: 'data dir', ok: false, detail: `${dir}: ${code}. Fix: ${fix}` };
  }
}

function checkDisk(dir: string): Check {
  const probe = existsSync(dir) ? dir : '.';
  const stats = statfsSync(probe);
  const free = stats.bavail * stats.bsize;
  const shown = `${(free / 1024 ** 3).toFixed(1)} GiB free`;
  return free >= MIN_FREE_BYTES
    ? { name: 'disk space', ok: true, detail: shown }
    : { name: 'disk space', ok: false, detail: `${shown} (need at least 0.5 GiB). Fix: free space or move BAAS_DATA_DIR` };
}

function checkMasterKey(config: Config): Check {
  if (config.masterKey) return { name: 'master key', ok: true, detail: 'from BAAS_MASTER_KEY' };
  const file = masterKeyPath(config.dataDir);
  if (!existsSync(file)) {
    return {
      name: 'master key',
      ok: false,
      detail: `${file} is missing. Fix: run \`baas start\` once to generate it, or restore it from your backup`,
    };
  }
  try {
    readMasterKey(file);
  } catch (error) {
    return { name: 'master key', ok: false, detail: (error as Error).message };
  }
  const loose = masterKeyLooseBits(file);
  return loose === 0
    ? { name: 'master key', ok: true, detail: `${file} (mode 0600)` }
    : {
        name: 'master key',
        ok: false,
        detail: `${file} is readable by others (mode ${(0o600 | loose).toString(8)}). Fix: chmod 600 ${file}`,
      };
}

async function checkDatabase(config: Config): Promise<Check[]> {
  if (config.database.kind === 'sqlite' && config.database.path !== ':memory:' && !existsSync(config.database.path)) {
    return [
      {
        name: 'database',
        ok: false,
        detail: `${describeDatabase(config.database)} does not exist yet. Fix: run \`baas migrate\` or \`baas start\``,
      },
    ];
  }
  let orm;
  try {
    orm = await openOrm(config.database);
  } catch (error) {
    return [{ name: 'database', ok: false, detail: error instanceof SetupError ? error.problems.join('; ') : String(error) }];
  }
  try {
    const pending = await pendingMigrations(orm);
    return [
      { name: 'database', ok: true, detail: `${describeDatabase(config.database)} is reachable` },
      pending.length
        ? { name: 'migrations', ok: false, detail: `${pending.length} pending (${pending.join(', ')}). Fix: run \`baas migrate\`` }
        : { name: 'migrations', ok: true, detail: 'schema is current' },
    ];
  } finally {
    await orm.close(true);
  }
}
