import { z } from 'zod';

/**
 * Every setting baas reads: its key in a JSON config file, its environment variable, how it is
 * validated, and the fix we suggest when it is wrong. One table so the loader, `baas init`,
 * `baas doctor` and the README cannot disagree.
 */
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v))]);

const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL')
  .transform((v) => v.replace(/\/+$/, ''));

const base64Key = z
  .string()
  .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64');

export const SETTINGS = {
  data_dir: {
    env: 'BAAS_DATA_DIR',
    schema: z.string().min(1, 'must not be empty'),
    fix: 'a writable directory, e.g. ./data or /var/lib/baas',
  },
  database_url: {
    env: 'BAAS_DATABASE_URL',
    schema: z.string().regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://user:pass@host:5432/db'),
    fix: 'sqlite:./data/baas.sqlite or postgres://baas:secret@127.0.0.1:5432/baas',
  },
  database_pool_max: {
    env: 'BAAS_DATABASE_POOL_MAX',
    schema: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
    fix: 'how many PostgreSQL connections each instance may open for queries, e.g. 10 (instances × this, plus one each, must fit max_connections)',
  },
  host: {
    env: 'BAAS_HOST',
    schema: z.string().min(1, 'must not be empty'),
    fix: 'an address to listen on, e.g. 127.0.0.1 or 0.0.0.0',
  },
  port: {
    env: 'BAAS_PORT',
    schema: z.coerce.number().int('must be a whole number').min(0).max(65535, 'must be at most 65535'),
    fix: 'a TCP port from 1 to 65535, e.g. 4000 (0 picks any free port)',
  },
  public_url: {
    env: 'BAAS_PUBLIC_URL',
    schema: httpUrl,
    fix: 'the URL providers reach this server at, e.g. https://baas.agency.example',
  },
  master_key: {
    env: 'BAAS_MASTER_KEY',
    schema: base64Key,
    fix: 'generate one with: openssl rand -base64 32 (or unset it to use <data dir>/master.key)',
  },
  mercadopago_api_url: {
    env: 'BAAS_MERCADOPAGO_API_URL',
    schema: httpUrl,
    fix: 'https://api.mercadopago.com',
  },
  mercadopago_timeout_ms: {
    env: 'BAAS_MERCADOPAGO_TIMEOUT_MS',
    schema: z.coerce.number().int('must be a whole number').positive('must be greater than 0'),
    fix: 'milliseconds to wait for each Mercado Pago call before answering 504 provider_timeout, e.g. 10000',
  },
  whatsapp_api_url: {
    env: 'BAAS_WHATSAPP_API_URL',
    schema: httpUrl,
    fix: 'https://graph.facebook.com/v26.0',
  },
  smtp_url: {
    env: 'BAAS_SMTP_URL',
    schema: z.string().refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol), 'must be an smtp:// or smtps:// URL'),
    fix: 'smtps://user:pass@smtp.example.com:465 or smtp://smtp.example.com:587 (or unset it for the sandbox mailbox)',
  },
  smtp_from: {
    env: 'BAAS_SMTP_FROM',
    schema: z.string().regex(/^(.+<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'must be an e-mail address'),
    fix: 'an address such as "Loja <no-reply@loja.example>"',
  },
  sandbox: {
    env: 'BAAS_SANDBOX',
    schema: bool,
    fix: 'true or false',
  },
  log_level: {
    env: 'BAAS_LOG_LEVEL',
    schema: z.enum(['debug', 'info', 'warn', 'error']),
    fix: 'one of debug, info, warn, error',
  },
  webhook_allow_private: {
    env: 'BAAS_WEBHOOK_ALLOW_PRIVATE',
    schema: bool,
    fix: 'true or false',
  },
  rate_limit_per_second: {
    env: 'BAAS_RATE_LIMIT_PER_SECOND',
    schema: z.coerce.number().positive('must be greater than 0'),
    fix: 'requests per second each API key may sustain, e.g. 100',
  },
  rate_limit_burst: {
    env: 'BAAS_RATE_LIMIT_BURST',
    schema: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1'),
    fix: 'how many requests a key may send at once before the rate applies, e.g. 200',
  },
  hooks_rate_limit_per_second: {
    env: 'BAAS_HOOKS_RATE_LIMIT_PER_SECOND',
    schema: z.coerce.number().positive('must be greater than 0'),
    fix: 'provider notifications per second accepted per store on /hooks/*, e.g. 50',
  },
  hooks_rate_limit_burst: {
    env: 'BAAS_HOOKS_RATE_LIMIT_BURST',
    schema: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1'),
    fix: 'provider notifications a store may receive at once, e.g. 500',
  },
  activity_log: {
    env: 'BAAS_ACTIVITY_LOG',
    schema: bool,
    fix: 'true or false (false keeps only the stdout logs: no `baas logs`, no order timelines)',
  },
  activity_retention_days: {
    env: 'BAAS_ACTIVITY_RETENTION_DAYS',
    schema: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1'),
    fix: 'how many days rows of the activity log (`baas logs`) are kept, e.g. 30',
  },
  metrics_token: {
    env: 'BAAS_METRICS_TOKEN',
    schema: z.string().regex(/^\S{16,}$/, 'must be at least 16 characters without spaces'),
    fix: 'a long random string, e.g. from: openssl rand -hex 24 (or unset it to leave /metrics open)',
  },
  templates_dir: {
    env: 'BAAS_TEMPLATES_DIR',
    schema: z.string().min(1, 'must not be empty'),
    fix: 'a directory holding per-store template overrides in <dir>/<store id>/, e.g. /etc/baas/templates',
  },
  webhook_attempt_retention_days: {
    env: 'BAAS_WEBHOOK_ATTEMPT_RETENTION_DAYS',
    schema: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1'),
    fix: 'how many days webhook delivery attempts are kept, e.g. 30',
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]?: z.output<(typeof SETTINGS)[K]['schema']> };

export const BUILT_IN_DEFAULTS: SettingValues = {
  data_dir: './data',
  database_pool_max: 10,
  host: '127.0.0.1',
  port: 4000,
  mercadopago_api_url: 'https://api.mercadopago.com',
  mercadopago_timeout_ms: 10_000,
  whatsapp_api_url: 'https://graph.facebook.com/v26.0',
  sandbox: true,
  log_level: 'info',
  webhook_allow_private: false,
  rate_limit_per_second: 100,
  rate_limit_burst: 200,
  hooks_rate_limit_per_second: 50,
  hooks_rate_limit_burst: 500,
  webhook_attempt_retention_days: 30,
  activity_log: true,
  activity_retention_days: 30,
};
