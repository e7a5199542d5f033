import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../../src/modules/keys/secret.js';
import { ApiKeySchema } from '../../../src/modules/keys/api-key.entity.js';
import { StoreSchema } from '../../../src/modules/stores/store.entity.js';
import { startTestServer } from '../../helpers/server.js';
import { storedText } from '../../helpers/stored-text.js';
import { onPostgres } from '../../helpers/test-database.js';

describe('first start on an empty data dir', () => {
  it('creates the database, a 0600 master key and one demo store with a test secret key', async () => {
    const server = await startTestServer();
    expect(server.demo).not.toBeNull();
    const { store, testKey } = server.demo!;
    expect(store.name).toBe('Demo Store');
    expect(store.id).toMatch(/^sto_/);
    expect(testKey.secret).toMatch(/^sk_test_/);
    expect(statSync(join(server.dataDir, 'master.key')).mode & 0o777).toBe(0o600);

    const em = server.instance.orm.em.fork();
    const keys = await em.find(ApiKeySchema, { store: store.id });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ mode: 'test', kind: 'secret', hash: hashKey(testKey.secret) });
  });

  it('never stores the secret key itself', async () => {
    const server = await startTestServer();
    const secret = server.demo!.testKey.secret;
    await server.stop();
    const stored = await storedText(server.instance.config);
    expect(stored).toContain(server.demo!.store.id);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice(8));
  });

  it('does not create a second demo store on the next start', async () => {
    const first = await startTestServer();
    await first.stop();
    const second = await startTestServer({ dataDir: first.dataDir });
    expect(second.demo).toBeNull();
    expect(await second.instance.orm.em.fork().count(StoreSchema, {})).toBe(1);
    expect(readFileSync(join(first.dataDir, 'master.key'), 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
  });

  it('runs SQLite in WAL mode with foreign keys and a busy timeout', async ({ skip }) => {
    skip(onPostgres, 'SQLite settings: PostgreSQL has none of them');
    const server = await startTestServer();
    const connection = server.instance.orm.em.getConnection();
    expect(await connection.execute('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await connection.execute('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await connection.execute('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
  });
});
