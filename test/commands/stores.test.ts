import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS } from '../../src/modules/stores/credentials.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const MP_TOKEN = 'APP_USR-1234567890-abcdefSECRETmp-9f3k';
const MP_WEBHOOK_SECRET = 'whsec-SECRETmpHook-77aa';
const WA_TOKEN = 'EAAGsecretWhatsappToken-x1y2';
const SMTP_PASSWORD = 'SECRETsmtpPassw0rd';
const SMTP_URL = `smtps://shop:${SMTP_PASSWORD}@mail.example.com:465`;
const LIVE_TOKEN = 'APP_USR-9999999999-SECRETliveToken-q7w8';

/** A migrated data dir and a runner that keeps every output, to check no secret ever leaked. */
async function setUp() {
  const dataDir = tempDir();
  const env = { BAAS_DATA_DIR: dataDir };
  const outputs: string[] = [];
  const cli = async (...args: string[]): Promise<CliResult> => {
    const result = await runCli(args, { env });
    outputs.push(result.stdout, result.stderr);
    return result;
  };
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
  expect((await runCli(['migrate'], { env })).code).toBe(0);
  /** Every byte SQLite wrote (the database and its WAL), as text. */
  const databaseBytes = () =>
    readdirSync(dataDir)
      .filter((f) => f.startsWith('baas.sqlite'))
      .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
      .join('\n');
  return { dataDir, cli, json, outputs, databaseBytes };
}

// Each test spawns the CLI several times (about a second each, more on a busy machine).
describe('baas stores', { timeout: 60_000 }, () => {
  it('creates, lists and shows stores with credentials encrypted and masked everywhere', async () => {
    const { cli, json, outputs, databaseBytes } = await setUp();

    const created = await json(
      'stores',
      'create',
      '--name',
      'Loja da Ana',
      '--currency',
      'brl',
      '--locale',
      'pt-BR',
      '--timezone',
      'America/Sao_Paulo',
      '--contact-email',
      'ana@example.com',
      '--mercadopago-token',
      MP_TOKEN,
      '--mercadopago-public-key',
      'APP_USR-public-key-0001',
      '--mercadopago-webhook-secret',
      MP_WEBHOOK_SECRET,
      '--whatsapp-phone-number-id',
      '123456789',
      '--whatsapp-token',
      WA_TOKEN,
      '--smtp-url',
      SMTP_URL,
    );
    expect(created).toMatchObject({
      id: expect.stringMatching(/^sto_/),
      object: 'store',
      name: 'Loja da Ana',
      slug: 'loja-da-ana',
      currency: 'BRL',
      locale: 'pt-BR',
      timezone: 'America/Sao_Paulo',
      contact_email: 'ana@example.com',
      status: 'active',
      notify: { email: true, whatsapp: false },
      credentials: {
        test: {
          'mercadopago.access_token': 'APP_USR-…9f3k',
          'mercadopago.public_key': 'APP_USR-public-key-0001',
          'mercadopago.webhook_secret': '…77aa',
          'whatsapp.phone_number_id': '123456789',
          'whatsapp.access_token': 'EAA…x1y2',
          'smtp.url': 'smtps://shop:***@mail.example.com:465',
        },
        live: {},
      },
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: expect.stringMatching(/Z$/),
      test_key: {
        object: 'api_key',
        store_id: created.id,
        kind: 'secret',
        mode: 'test',
        status: 'active',
        secret: expect.stringMatching(/^sk_test_[A-Za-z0-9_-]{43}$/),
      },
    });
    const testKey: string = created.test_key.secret;
    expect(testKey.startsWith(created.test_key.prefix.replace('…', ''))).toBe(true);

    // For people: the id and the key, once, with the warning.
    const human = await cli('stores', 'create', '--name', 'Tienda Sol', '--currency', 'ARS', '--locale', 'es-AR');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Created store "Tienda Sol" \(sto_[0-9a-z]{26}, slug tienda-sol\)/);
    expect(human.stdout).toMatch(/^ {2}sk_test_[A-Za-z0-9_-]{43}$/m);
    expect(human.stdout).toContain('not shown again');

    const list = await json('stores', 'list');
    expect(list.object).toBe('list');
    expect(list.data.map((s: { slug: string }) => s.slug)).toEqual(['tienda-sol', 'loja-da-ana']);
    expect(list.data[1]).toMatchObject({ id: created.id, currency: 'BRL', status: 'active' });
    const table = await cli('stores', 'list');
    expect(table.stdout).toMatch(new RegExp(`│ ${created.id} │ loja-da-ana +│ Loja da Ana +│ BRL +│ pt-BR +│ active +│ \\d{4}-`));

    const shown = await json('stores', 'show', 'loja-da-ana');
    expect(shown).toEqual({ ...created, test_key: undefined, updated_at: shown.updated_at });
    const details = await cli('stores', 'show', created.id);
    expect(details.code).toBe(0);
    expect(details.stdout).toMatch(/│ mercadopago\.access_token +│ --mercadopago-token +│ APP_USR-…9f3k +│ — +│/);
    expect(details.stdout).toMatch(/contact email +ana@example\.com/);

    // No secret is ever printed (the fresh key only by create), nor stored in clear.
    const everything = outputs.join('\n');
    for (const secret of [MP_TOKEN, MP_WEBHOOK_SECRET, WA_TOKEN, SMTP_PASSWORD]) {
      expect(everything).not.toContain(secret);
      expect(databaseBytes()).not.toContain(secret);
    }
    expect(databaseBytes()).not.toContain(testKey);
    expect(outputs.filter((o) => o.includes(testKey))).toHaveLength(1);
  });

  it('updates fields and sets or removes credentials per mode', async () => {
    const { cli, json, outputs, databaseBytes } = await setUp();
    const { id } = await json('stores', 'create', '--name', 'Loja', '--currency', 'BRL', '--locale', 'pt-BR', '--smtp-url', SMTP_URL);

    const updated = await json(
      'stores',
      'update',
      id,
      '--currency',
      'usd',
      '--name',
      'Loja Nova',
      '--no-notify-email',
      '--notify-whatsapp',
      '--contact-email',
      'ops@example.com',
    );
    expect(updated).toMatchObject({ id, slug: 'loja', name: 'Loja Nova', currency: 'USD', notify: { email: false, whatsapp: true } });
    expect(updated.credentials.test).toEqual({ 'smtp.url': 'smtps://shop:***@mail.example.com:465' });

    // --live writes the live mode only; "" removes a credential of the mode given.
    const live = await json('stores', 'update', 'loja', '--live', '--mercadopago-token', LIVE_TOKEN);
    expect(live.credentials).toEqual({
      test: { 'smtp.url': 'smtps://shop:***@mail.example.com:465' },
      live: { 'mercadopago.access_token': 'APP_USR-…q7w8' },
    });
    const removed = await json('stores', 'update', 'loja', '--smtp-url', '', '--contact-email', '');
    expect(removed.credentials).toEqual({ test: {}, live: { 'mercadopago.access_token': 'APP_USR-…q7w8' } });
    expect(removed.contact_email).toBeNull();

    // A human-readable update next to three mistakes (one line each, exit 1, nothing changed);
    // independent, so they run side by side: each spawn costs about a second.
    const [human, nothing, liveAlone, badToken] = await Promise.all([
      cli('stores', 'update', 'loja', '--timezone', 'America/Bogota'),
      cli('stores', 'update', 'loja'),
      cli('stores', 'update', 'loja', '--live'),
      cli('stores', 'update', 'loja', '--whatsapp-token', 'short', '--currency', 'CLP'),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Updated store "Loja Nova"');
    expect(human.stdout).toMatch(/timezone +America\/Bogota/);

    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/^✗ Nothing to update: give at least one of --name/);
    expect(liveAlone.code).toBe(1);
    expect(liveAlone.stderr).toMatch(/^✗ --live only says which mode/);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^✗ whatsapp\.access_token: must be at least 8/)]);
    expect((await json('stores', 'show', 'loja')).currency).toBe('USD');

    expect(outputs.join('\n')).not.toContain(LIVE_TOKEN);
    expect(outputs.join('\n')).not.toContain(SMTP_PASSWORD);
    expect(databaseBytes()).not.toContain(LIVE_TOKEN);
  });

  it('disables and enables a store', async () => {
    const { cli, json } = await setUp();
    const { id } = await json('stores', 'create', '--name', 'Loja Nova', '--currency', 'USD', '--locale', 'en');

    const disabled = await cli('stores', 'disable', 'loja-nova');
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain(`Disabled store "Loja Nova" (${id})`);
    expect((await json('stores', 'list')).data[0].status).toBe('disabled');
    expect(await json('stores', 'enable', id)).toMatchObject({ id, object: 'store', status: 'active', currency: 'USD' });
  });

  it('refuses bad input and unknown stores in one line with exit 1', async () => {
    const { cli, json } = await setUp();

    const [currency, badCredential, unknownSlug, unknownId, asJson, missing] = await Promise.all([
      cli('stores', 'create', '--name', 'Loja', '--currency', 'EUR', '--locale', 'pt-BR'),
      cli('stores', 'create', '--name', 'Loja', '--currency', 'BRL', '--locale', 'pt-BR', '--smtp-url', 'http://x'),
      cli('stores', 'show', 'nope'),
      cli('stores', 'update', 'sto_01jq3v6z8m4c2r9t7w5x0y1k3n', '--name', 'X'),
      cli('stores', 'enable', 'nope', '--json'),
      cli('stores', 'create', '--name', 'Loja'),
    ]);
    expect(currency.code).toBe(1);
    expect(currency.stderr.trim().split('\n')).toEqual(['✗ currency: must be one of ARS, BRL, CLP, COP, MXN, PEN, USD, UYU']);

    // A bad credential fails the whole create: no half-made store.
    expect(badCredential.code).toBe(1);
    expect(badCredential.stderr).toMatch(/^✗ smtp\.url: must be an smtp:\/\/ or smtps:\/\/ URL\n$/);
    expect((await json('stores', 'list')).data).toEqual([]);

    expect(unknownSlug.code).toBe(1);
    expect(unknownSlug.stderr).toBe('✗ No store nope.\n');
    expect(unknownId.code).toBe(1);
    expect(unknownId.stderr).toBe('✗ No store sto_01jq3v6z8m4c2r9t7w5x0y1k3n.\n');
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'store_not_found', message: 'No store nope.' } });

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing required flag/);
  });

  it('offers a flag for every credential, and help with examples', async () => {
    const help = await runCli(['stores', 'update', '--help']);
    expect(help.code).toBe(0);
    for (const { flag } of Object.values(CREDENTIALS)) expect(help.stdout).toContain(`--${flag}=<value>`);
    expect(help.stdout).toContain('EXAMPLES');
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toContain('--[no-]notify-email');

    // What the built CLI knows about each command (the build writes it to oclif.manifest.json).
    const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8'));
    for (const name of ['create', 'list', 'show', 'update', 'disable', 'enable']) {
      const command = manifest.commands[`stores:${name}`];
      expect(command.summary).toBeTruthy();
      expect(command.description).toBeTruthy();
      expect(command.examples.length).toBeGreaterThan(0);
      for (const example of command.examples) expect(example.command).toMatch(/^<%= config\.bin %> <%= command\.id %>/);
      expect(command.flags.json).toBeDefined();
    }
  });
});
