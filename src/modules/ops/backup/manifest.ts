import { z } from 'zod';

/** What `baas backup` writes as manifest.json inside the archive, and `baas restore` checks before writing anything. */
export const MANIFEST_FILE = 'manifest.json';
export const SQLITE_FILE = 'baas.sqlite';
export const PG_DUMP_FILE = 'baas.pgdump';
export const KEY_FILE = 'master.key';
export const CONFIG_DIR = 'config';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestSchema = z.object({
  format: z.literal('baas-backup'),
  format_version: z.literal(1),
  created_at: z.string(),
  baas_version: z.string(),
  node: z.string(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    file: z.enum([SQLITE_FILE, PG_DUMP_FILE]),
    /** Where it was backed up from (a PostgreSQL URL without its password). */
    source: z.string(),
    /** Migrations applied at backup time (SQLite): a restore refuses a database newer than its code. */
    migrations: z.array(z.string()).optional(),
  }),
  master_key: z.object({
    included: z.boolean(),
    /** The key file's path, `BAAS_MASTER_KEY`, or `missing` for an instance that never started. */
    source: z.string(),
    /** SHA-256 of the key's 32 bytes: tells which key the stored credentials need, without revealing it. */
    fingerprint: Sha256.nullable(),
  }),
  config_files: z.array(z.object({ file: z.string(), source: z.string() })),
  files: z.record(z.string(), z.object({ sha256: Sha256, bytes: z.number().int().nonnegative() })),
});

export type Manifest = z.infer<typeof ManifestSchema>;

/** Names an archive may hold: anything else (an absolute path, `..`) means it is not ours. */
export function isArchiveMember(name: string): boolean {
  return (
    [MANIFEST_FILE, SQLITE_FILE, PG_DUMP_FILE, KEY_FILE, `${CONFIG_DIR}/`].includes(name) ||
    new RegExp(`^${CONFIG_DIR}/[\\w.-]+$`).test(name)
  );
}
