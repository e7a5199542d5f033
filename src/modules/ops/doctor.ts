import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { loadConfig, type Config } from '../../config/load.js';
import { pendingMigrations } from '../../db/migrate.js';
import { describeDatabase, openOrm, type Orm } from '../../db/orm.js';
import { JobAdmin } from '../jobs/job-admin.js';
import { ChannelPauses } from '../messages/channel-pauses.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import { SetupError } from '../../shared/errors.js';
import { masterKeyLooseBits, masterKeyPath, readMasterKey } from '../../runtime/master-key.js';
import { StoreService } from '../stores/store.service.js';
import { checkBackupAge } from './doctor-backups.js';
import type { Check } from './doctor-check.js';
import { checkSmtpLogins, checkWhatsAppTokens } from './doctor-network.js';
import { checkCredentials, checkPublicUrl } from './doctor-stores.js';
import { checkWebhookEndpoints } from './doctor-webhooks.js';
import { formatAge } from './format-age.js';
import { storesInUse } from './stores-in-use.js';

export type { Check } from './doctor-check.js';

export interface DoctorOptions {
  /** Also log in to the SMTP servers and ask the WhatsApp API about each token (slow, needs the network). */
  network: boolean;
  clock?: Clock;
}

/** Below this much free space SQLite, logs and the mail sandbox are at risk. */
const MIN_FREE_BYTES = 512 * 1024 ** 2;

/** A due job waiting longer than this means nothing is running the queue. */
const MAX_DUE_AGE_SECONDS = 5 * 60;

/**
 * Looks at an installation without changing it: nothing is created, migrated or repaired, so
 * `baas doctor` is safe to run against a live server at any time.
 */
export async function runDoctor(env: NodeJS.ProcessEnv, options: DoctorOptions = { network: false }): Promise<Check[]> {
  const clock = options.clock ?? systemClock;
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
  checks.push(...(await checkDatabase(config, { ...options, clock })));
  checks.push(checkBackupAge(config, clock.now()));
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

async function checkDatabase(config: Config, options: Required<DoctorOptions>): Promise<Check[]> {
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
      // The tables read below may not exist before the migrations ran: their checks wait for them.
      ...(pending.length ? [] : await checkUsage(orm, config, options)),
    ];
  } finally {
    await orm.close(true);
  }
}

async function checkUsage(orm: Orm, config: Config, options: Required<DoctorOptions>): Promise<Check[]> {
  const stores = await storesInUse(orm, options.clock.now());
  const checks = [
    await checkJobQueue(orm),
    await checkMessageChannels(orm),
    checkCredentials(config, stores),
    checkPublicUrl(config, stores),
    await checkWebhookEndpoints(orm),
  ];
  if (!options.network) return checks;
  const key = usableMasterKey(config);
  if (!key) {
    return [
      ...checks,
      { name: 'network', ok: false, detail: 'not checked: the stored credentials need the master key, which cannot be read (see above)' },
    ];
  }
  const service = new StoreService(orm, key);
  return [...checks, ...(await checkSmtpLogins(config, stores, service)), ...(await checkWhatsAppTokens(config, stores, service))];
}

function usableMasterKey(config: Config): Buffer | null {
  if (config.masterKey) return config.masterKey;
  try {
    return readMasterKey(masterKeyPath(config.dataDir));
  } catch {
    return null;
  }
}

async function checkJobQueue(orm: Orm): Promise<Check> {
  const name = 'job queue';
  let health;
  try {
    health = await new JobAdmin(orm, systemClock).queueHealth(new Date());
  } catch (error) {
    return { name, ok: false, detail: `cannot read the jobs table: ${(error as Error).message}` };
  }
  const age = health.oldestDueAgeSeconds;
  const summary = `${health.due} due${age === null ? '' : ` (oldest ${formatAge(age)})`}, ${health.dead} dead, ${health.running} running`;
  const problems: string[] = [];
  if (health.dead > 0) {
    problems.push(
      `${health.dead} job${health.dead === 1 ? '' : 's'} failed for good. Fix: see why with \`baas jobs list --status dead\`, then requeue with \`baas jobs retry --all-dead\``,
    );
  }
  if (age !== null && age > MAX_DUE_AGE_SECONDS) {
    problems.push(`a due job has waited ${formatAge(age)}: is the server running? Fix: start it with \`baas start\``);
  }
  return problems.length ? { name, ok: false, detail: `${summary}; ${problems.join('; ')}` } : { name, ok: true, detail: summary };
}

/** E-mail or WhatsApp of a store paused because its configuration is wrong: its messages wait for a fix. */
async function checkMessageChannels(orm: Orm): Promise<Check> {
  const name = 'message channels';
  const pauses = await new ChannelPauses(orm, systemClock).list();
  if (pauses.length === 0) return { name, ok: true, detail: 'no channel is paused' };
  const lines = pauses.map(
    (p) => `${p.channel} of store ${p.store.id} (${p.livemode ? 'live' : 'test'}) paused since ${p.pausedAt.toISOString()}: ${p.message}`,
  );
  return {
    name,
    ok: false,
    detail: `${lines.join('; ')}. Fix: correct the credentials with \`baas stores update\` (messages resume at once) or at the provider (retried every 5 min)`,
  };
}
