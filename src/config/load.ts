import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { EXIT, SetupError } from '../shared/errors.js';
import { PACKAGE_ROOT } from '../shared/package-info.js';
import { BUILT_IN_DEFAULTS, SETTINGS, type SettingKey, type SettingValues } from './settings.js';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Config {
  dataDir: string;
  database: DatabaseTarget;
  /** Connections each instance's pool may hold on PostgreSQL (SQLite always uses one). */
  databasePoolMax: number;
  host: string;
  port: number;
  publicUrl: string;
  /** Only when BAAS_MASTER_KEY is set; otherwise the key lives in <data dir>/master.key. */
  masterKey?: Buffer;
  mercadopagoApiUrl: string;
  /** Per attempt of every Mercado Pago call; past it the call fails with 504 provider_timeout. */
  mercadopagoTimeoutMs: number;
  whatsappApiUrl: string;
  smtpUrl?: string;
  smtpFrom: string;
  sandbox: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  webhookAllowPrivate: boolean;
  /** Token bucket per API key. */
  rateLimit: { perSecond: number; burst: number };
  /** Token bucket per store on /hooks/*, apart from the API's so a provider storm cannot starve it. */
  hooksRateLimit: { perSecond: number; burst: number };
  /** Whether the activity log (`baas logs`, order timelines) is written. */
  activityLog: boolean;
  /** Days activity rows are kept before the nightly purge. */
  activityRetentionDays: number;
  /** When set, GET /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Per-store template overrides live in <templatesDir>/<store id>/, laid out like templates/. */
  templatesDir: string;
  /** Days webhook delivery attempts are kept before the nightly purge. */
  webhookAttemptRetentionDays: number;
  /** The config files that were read, in precedence order (for `baas doctor`). */
  sources: string[];
}

export const DEFAULT_CONFIG_FILE = resolve(PACKAGE_ROOT, 'config/default.json');

interface Layer {
  name: string;
  values: Record<string, unknown>;
  describe: (key: SettingKey) => string;
}

/**
 * Resolves the configuration: built-in defaults < config/default.json < $BAAS_CONFIG <
 * environment variables. Every problem in every layer is collected, so the operator fixes
 * them all in one go; nothing starts half-configured.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const layers: Layer[] = [{ name: 'built-in defaults', values: { ...BUILT_IN_DEFAULTS }, describe: (k) => `${k} (built-in default)` }];
  const sources: string[] = [];
  for (const file of [DEFAULT_CONFIG_FILE, env.BAAS_CONFIG ? resolve(cwd, env.BAAS_CONFIG) : undefined]) {
    if (!file) continue;
    const layer = readJsonLayer(file, file === DEFAULT_CONFIG_FILE, problems);
    if (layer) {
      layers.push(layer);
      sources.push(file);
    }
  }
  layers.push(envLayer(env));

  const chosen = new Map<SettingKey, { raw: unknown; layer: Layer }>();
  for (const layer of layers) {
    for (const [key, raw] of Object.entries(layer.values)) {
      if (raw === undefined || raw === null) continue;
      if (!(key in SETTINGS)) {
        problems.push(`${layer.name}: unknown key "${key}"${suggest(key)}; remove it or fix its name`);
        continue;
      }
      chosen.set(key as SettingKey, { raw, layer });
    }
  }

  const values: SettingValues = {};
  for (const [key, { raw, layer }] of chosen) {
    const setting = SETTINGS[key];
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) {
      (values as Record<string, unknown>)[key] = parsed.data;
    } else {
      const why = parsed.error.issues[0]?.message ?? 'is invalid';
      const shown = key === 'master_key' ? '<hidden>' : JSON.stringify(raw);
      problems.push(`${layer.describe(key)} = ${shown}: ${why}. Fix: set it to ${setting.fix}`);
    }
  }
  if (problems.length > 0) throw new SetupError(problems, EXIT.config);
  return resolveDerived(values, cwd, sources);
}

function resolveDerived(v: SettingValues, cwd: string, sources: string[]): Config {
  const dataDir = resolve(cwd, v.data_dir!);
  const host = v.host!;
  const port = v.port!;
  const publicUrl = v.public_url ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    dataDir,
    database: parseDatabaseUrl(v.database_url ?? `sqlite:${resolve(dataDir, 'baas.sqlite')}`, cwd),
    databasePoolMax: v.database_pool_max!,
    host,
    port,
    publicUrl,
    masterKey: v.master_key ? Buffer.from(v.master_key, 'base64') : undefined,
    mercadopagoApiUrl: v.mercadopago_api_url!,
    mercadopagoTimeoutMs: v.mercadopago_timeout_ms!,
    whatsappApiUrl: v.whatsapp_api_url!,
    smtpUrl: v.smtp_url,
    smtpFrom: v.smtp_from ?? `no-reply@${new URL(publicUrl).hostname}`,
    sandbox: v.sandbox!,
    logLevel: v.log_level!,
    webhookAllowPrivate: v.webhook_allow_private!,
    rateLimit: { perSecond: v.rate_limit_per_second!, burst: v.rate_limit_burst! },
    hooksRateLimit: { perSecond: v.hooks_rate_limit_per_second!, burst: v.hooks_rate_limit_burst! },
    activityLog: v.activity_log!,
    activityRetentionDays: v.activity_retention_days!,
    metricsToken: v.metrics_token,
    templatesDir: resolve(cwd, v.templates_dir ?? resolve(dataDir, 'templates')),
    webhookAttemptRetentionDays: v.webhook_attempt_retention_days!,
    sources,
  };
}

/** `sqlite:<path>` (relative to `cwd`) or `postgres://…`, as BAAS_DATABASE_URL and `baas db copy` take them. */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return { kind: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(cwd, path) };
  }
  return { kind: 'postgres', url };
}

function readJsonLayer(file: string, optional: boolean, problems: string[]): Layer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return undefined;
    problems.push(`BAAS_CONFIG: cannot read ${file} (${code ?? String(error)}). Fix: point BAAS_CONFIG at a readable JSON file`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message}). Fix: correct the file's syntax`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${file}: must hold one JSON object of settings, e.g. {"port": 4000}`);
    return undefined;
  }
  return { name: file, values: parsed as Record<string, unknown>, describe: (k) => `${k} in ${file}` };
}

function envLayer(env: NodeJS.ProcessEnv): Layer {
  const values: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SETTINGS)) {
    const raw = env[setting.env];
    if (raw !== undefined && raw !== '') values[key] = raw;
  }
  return {
    name: 'environment',
    values,
    describe: (k) => `${SETTINGS[k].env} (environment)`,
  };
}

function suggest(key: string): string {
  const near = Object.keys(SETTINGS).find((k) => k.includes(key) || key.includes(k) || editDistance(k, key) <= 2);
  return near ? ` (did you mean "${near}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
