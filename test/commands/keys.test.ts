import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

interface KeyJson {
  id: string;
  object: string;
  store_id: string;
  kind: string;
  mode: string;
  prefix: string;
  status: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  secret?: string;
}

/** A migrated data dir with one store; every output is kept to check where secrets appear. */
async function withStore() {
  const dataDir = tempDir();
  const env = { BAAS_DATA_DIR: dataDir };
  const outputs: string[] = [];
  const cli = async (...args: string[]): Promise<CliResult> => {
    const result = await runCli(args, { env });
    outputs.push(result.stdout + result.stderr);
    return result;
  };
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
  expect((await runCli(['migrate'], { env })).code).toBe(0);
  const store = await json('stores', 'create', '--name', 'Loja da Ana', '--currency', 'BRL', '--locale', 'pt-BR');
  const databaseBytes = () =>
    readdirSync(dataDir)
      .filter((f) => f.startsWith('baas.sqlite'))
      .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
      .join('\n');
  return { cli, json, outputs, databaseBytes, storeId: store.id as string, firstKey: store.test_key as KeyJson };
}

const near = (iso: string | null, expected: number, toleranceMs = 60_000) =>
  iso !== null && Math.abs(Date.parse(iso) - expected) < toleranceMs;

// Each test spawns the CLI several times (about a second each, more on a busy machine).
describe('baas keys', { timeout: 60_000 }, () => {
  it('creates secret and publishable keys in either mode, shows them once and lists them without secrets', async () => {
    const { cli, json, outputs, databaseBytes, storeId, firstKey } = await withStore();

    const human = await cli('keys', 'create', 'loja-da-ana');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`Created a test secret key \\(key_[0-9a-z]{26}\\) for store ${storeId}`));
    const humanSecret = /^ {2}(sk_test_[A-Za-z0-9_-]{43})$/m.exec(human.stdout)?.[1];
    expect(humanSecret).toBeDefined();
    expect(human.stdout).toContain('it is not shown again');

    const publishable: KeyJson = await json('keys', 'create', storeId, '--live', '--publishable');
    expect(publishable).toMatchObject({
      id: expect.stringMatching(/^key_/),
      object: 'api_key',
      store_id: storeId,
      kind: 'publishable',
      mode: 'live',
      status: 'active',
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
      secret: expect.stringMatching(/^pk_live_[A-Za-z0-9_-]{43}$/),
    });
    expect(publishable.prefix).toMatch(/^pk_live_.{4}…$/);
    expect(publishable.secret!.startsWith(publishable.prefix.slice(0, -1))).toBe(true);
    const liveSecret: KeyJson = await json('keys', 'create', 'loja-da-ana', '--live');
    expect(liveSecret).toMatchObject({ kind: 'secret', mode: 'live', secret: expect.stringMatching(/^sk_live_/) });

    const [list, table, unknown] = await Promise.all([
      json('keys', 'list', 'loja-da-ana'),
      cli('keys', 'list', storeId),
      cli('keys', 'create', 'nope'),
    ]);
    expect(list.object).toBe('list');
    expect(list.data.map((k: KeyJson) => [k.kind, k.mode])).toEqual([
      ['secret', 'live'],
      ['publishable', 'live'],
      ['secret', 'test'],
      ['secret', 'test'],
    ]);
    expect(list.data.at(-1)).toMatchObject({ id: firstKey.id, prefix: firstKey.prefix, status: 'active' });
    expect(list.data.every((k: KeyJson) => !('secret' in k))).toBe(true);
    expect(table.stdout).toMatch(new RegExp(`│ ${publishable.id} │ publishable │ live +│ ${publishable.prefix} +│ \\d{4}-.*│ active +│`));

    // Each full key appears exactly once (where it was issued) and never in the database.
    for (const secret of [humanSecret!, publishable.secret!, liveSecret.secret!, firstKey.secret!]) {
      expect(outputs.filter((o) => o.includes(secret))).toHaveLength(1);
      expect(databaseBytes()).not.toContain(secret);
    }

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('✗ No store nope.\n');
  });

  it('rotates with a grace period, revokes, and refuses a bad --grace or an unknown key', async () => {
    const { cli, json, firstKey } = await withStore();

    const rotated = await json('keys', 'rotate', firstKey.id, '--grace', '2h');
    expect(rotated).toMatchObject({
      object: 'api_key',
      kind: 'secret',
      mode: 'test',
      status: 'active',
      secret: expect.stringMatching(/^sk_test_[A-Za-z0-9_-]{43}$/),
      previous: { id: firstKey.id, status: 'expiring', revoked_at: null },
    });
    expect(rotated.id).not.toBe(firstKey.id);
    expect(rotated.previous.secret).toBeUndefined();
    expect(near(rotated.previous.expires_at, Date.now() + 2 * 3600_000)).toBe(true);

    // For people, with the default grace of 24 h: the new key once, and when the old one stops.
    const human = await cli('keys', 'rotate', rotated.id);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ {2}sk_test_[A-Za-z0-9_-]{43}$/m);
    const until = /keeps working until (\S+)\./.exec(human.stdout)?.[1] ?? null;
    expect(near(until, Date.now() + 24 * 3600_000)).toBe(true);

    const atOnce = await json('keys', 'rotate', firstKey.id, '--grace', '0');
    expect(atOnce.previous).toMatchObject({ id: firstKey.id, status: 'expired' });

    // Independent of each other (a bad --grace is refused before the database is opened), so side by side.
    const badGraces = ['soon', '24', '-1h', '400d'];
    const [revokeResult, unknown, ...bad] = await Promise.all([
      cli('keys', 'revoke', atOnce.id, '--json'),
      cli('keys', 'revoke', 'key_01jq3v6z8m4c2r9t7w5x0y1k3n', '--json'),
      ...badGraces.map((grace) => cli('keys', 'rotate', atOnce.id, '--grace', grace)),
    ]);
    badGraces.forEach((grace, i) => {
      expect(bad[i]!.code, grace).toBe(1);
      expect(bad[i]!.stderr).toMatch(new RegExp(`^✗ --grace: "${grace}" is not a duration.*e\\.g\\. 30m, 24h or 7d.*\\n$`));
    });
    expect(unknown!.code).toBe(1);
    expect(JSON.parse(unknown!.stdout)).toMatchObject({
      error: { code: 'key_not_found', message: 'No key key_01jq3v6z8m4c2r9t7w5x0y1k3n.' },
    });

    const revoked: KeyJson = JSON.parse(revokeResult!.stdout);
    expect(revoked).toMatchObject({ id: atOnce.id, status: 'revoked', revoked_at: expect.stringMatching(/Z$/) });
    expect(near(revoked.revoked_at, Date.now())).toBe(true);
    const [again, rotateRevoked] = await Promise.all([cli('keys', 'revoke', atOnce.id), cli('keys', 'rotate', atOnce.id)]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Revoked ${atOnce.prefix} (${atOnce.id})`);
    expect(rotateRevoked.code).toBe(1);
    expect(rotateRevoked.stderr).toMatch(/^✗ Key key_\S+ is already revoked or expired/);

    const statuses = Object.fromEntries((await json('keys', 'list', 'loja-da-ana')).data.map((k: KeyJson) => [k.id, k.status]));
    expect(statuses).toMatchObject({ [firstKey.id]: 'expired', [rotated.id]: 'expiring', [atOnce.id]: 'revoked' });
    expect(Object.values(statuses).filter((s) => s === 'active')).toHaveLength(1);
  });

  it('teaches every keys command with examples and --json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8'));
    for (const name of ['create', 'list', 'rotate', 'revoke']) {
      const command = manifest.commands[`keys:${name}`];
      expect(command.summary).toBeTruthy();
      expect(command.description).toBeTruthy();
      expect(command.examples.length).toBeGreaterThan(0);
      for (const example of command.examples) expect(example.command).toMatch(/^<%= config\.bin %> <%= command\.id %>/);
      expect(command.flags.json).toBeDefined();
    }
    expect(manifest.commands['keys:rotate'].flags.grace.default).toBe('24h');
  });
});
