import { randomBytes } from 'node:crypto';
import { afterAll, afterEach } from 'vitest';
import { openOrm, type Orm } from '../../src/db/orm.js';

/**
 * A PostgreSQL server's URL (its `postgres` database will do), set by `npm run test:postgres`
 * (.ci/with-postgres): tests then run on PostgreSQL, each on a database of its own. Unset, they
 * run on SQLite files in their temp data dirs.
 */
const SERVER_URL = process.env.BAAS_TEST_DATABASE_URL || undefined;
export const onPostgres = SERVER_URL !== undefined;

/** A test's data dir stands for its database: a restart or a CLI call with the same dir finds it. */
const byDataDir = new Map<string, string>();
const created: string[] = [];
let admin: Promise<Orm> | undefined;

/**
 * `env` plus, on PostgreSQL, BAAS_DATABASE_URL of the database that goes with its
 * BAAS_DATA_DIR: a fresh, empty one the first time (dropped after the test). Unchanged on
 * SQLite, whose database lives in the data dir, or when the test chose a database itself.
 */
export async function withTestDatabase(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  if (!onPostgres || env.BAAS_DATABASE_URL || !env.BAAS_DATA_DIR) return env;
  if (!byDataDir.has(env.BAAS_DATA_DIR)) byDataDir.set(env.BAAS_DATA_DIR, await createTestDatabase());
  return withKnownTestDatabase(env);
}

/** The same for child processes (the CLI, spawned servers): only a database the test already made. */
export function withKnownTestDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const url = env.BAAS_DATA_DIR ? byDataDir.get(env.BAAS_DATA_DIR) : undefined;
  return url && !env.BAAS_DATABASE_URL ? { ...env, BAAS_DATABASE_URL: url } : env;
}

/** A new empty database on the test server, dropped after the test; its URL. */
export async function createTestDatabase(): Promise<string> {
  if (!SERVER_URL) throw new Error('createTestDatabase needs BAAS_TEST_DATABASE_URL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await execute(`create database ${name}`);
  created.push(name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function execute(sql: string): Promise<unknown> {
  admin ??= openOrm({ kind: 'postgres', url: SERVER_URL! }, { poolMax: 2 });
  return admin.then((orm) => orm.em.getConnection().execute(sql));
}

// Registered before the helpers that start servers, so it runs after they stopped them (vitest
// runs after-hooks in reverse). `with (force)` ends connections a test left open.
afterEach(async () => {
  byDataDir.clear();
  for (const name of created.splice(0)) await execute(`drop database if exists ${name} with (force)`);
});

afterAll(async () => {
  await (await admin)?.close(true);
  admin = undefined;
});
