import { chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebhookEndpointSchema } from '../../src/modules/webhooks/webhook-endpoint.entity.js';
import { runCli } from '../helpers/cli.js';
import { openTestInstance } from '../helpers/instance.js';
import { startLoopbackSmtp } from '../helpers/smtp.js';
import { tempDir } from '../helpers/temp-dir.js';

interface DoctorOutput {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string; warning?: true }[];
}

async function doctor(env: NodeJS.ProcessEnv, ...flags: string[]) {
  const result = await runCli(['doctor', '--json', ...flags], { env });
  return { code: result.code, output: JSON.parse(result.stdout) as DoctorOutput };
}

const check = (output: DoctorOutput, name: string) => output.checks.find((c) => c.name === name);

async function initialised(): Promise<string> {
  const dataDir = tempDir();
  expect((await runCli(['migrate'], { env: { BAAS_DATA_DIR: dataDir } })).code).toBe(0);
  // `migrate` does not make the master key; starting does. Emulate a started instance.
  const { loadOrCreateMasterKey } = await import('../../src/runtime/master-key.js');
  loadOrCreateMasterKey(dataDir);
  return dataDir;
}

describe('baas doctor', { timeout: 60_000 }, () => {
  it('exits 0 with every check green on a healthy install', async () => {
    const { code, output } = await doctor({ BAAS_DATA_DIR: await initialised() });
    expect(code).toBe(0);
    expect(output.ok).toBe(true);
    expect(output.checks.map((c) => c.name)).toEqual([
      'config',
      'data dir',
      'disk space',
      'master key',
      'database',
      'migrations',
      'job queue',
      'message channels',
      'provider credentials',
      'public url',
      'webhook endpoints',
      'backup',
    ]);
    expect(output.checks.find((c) => c.name === 'job queue')).toEqual({ name: 'job queue', ok: true, detail: '0 due, 0 dead, 0 running' });
    expect(check(output, 'message channels')).toEqual({ name: 'message channels', ok: true, detail: 'no channel is paused' });
    expect(check(output, 'provider credentials')).toEqual({
      name: 'provider credentials',
      ok: true,
      detail: '0 active store(s), 0 live: nothing missing',
    });
    expect(check(output, 'webhook endpoints')).toEqual({ name: 'webhook endpoints', ok: true, detail: 'no endpoint is failing' });
    // Warnings, not failures: a test install needs neither https nor a backup yet.
    expect(check(output, 'public url')).toMatchObject({ ok: true, warning: true, detail: expect.stringContaining('fine for test mode') });
    expect(check(output, 'backup')).toMatchObject({
      ok: true,
      warning: true,
      detail: expect.stringMatching(/^no backup in .*backups yet/),
    });
    expect(output.checks.every((c) => c.ok)).toBe(true);
  });

  it('exits non-zero naming the broken setting', async () => {
    const { code, output } = await doctor({ BAAS_DATA_DIR: await initialised(), BAAS_PORT: '99999' });
    expect(code).toBe(1);
    expect(output.ok).toBe(false);
    expect(output.checks).toEqual([{ name: 'config', ok: false, detail: expect.stringMatching(/^BAAS_PORT \(environment\) = "99999"/) }]);
  });

  it('flags a master key others can read', async () => {
    const dataDir = await initialised();
    chmodSync(join(dataDir, 'master.key'), 0o644);
    const { code, output } = await doctor({ BAAS_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output.checks.find((c) => c.name === 'master key')).toMatchObject({ ok: false, detail: expect.stringContaining('chmod 600') });
  });

  it('flags a database that does not exist yet, without creating anything', async () => {
    const dataDir = tempDir();
    const { code, output } = await doctor({ BAAS_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output.checks.find((c) => c.name === 'database')).toMatchObject({ ok: false, detail: expect.stringContaining('baas migrate') });
    expect(output.checks.find((c) => c.name === 'master key')?.ok).toBe(false);
  });

  it('prints a table for people', async () => {
    const result = await runCli(['doctor'], { env: { BAAS_DATA_DIR: await initialised() } });
    expect(result.stdout).toMatch(/│ ✓ +│ database +│ SQLite .* is reachable/);
    expect(result.stdout).toMatch(/│ ! +│ backup +│ no backup in/);
    expect(result.stdout).toContain('All checks passed, 2 warning(s).');
  });

  describe('stores', () => {
    async function withLiveStore() {
      const dataDir = await initialised();
      const instance = await openTestInstance({ env: { BAAS_DATA_DIR: dataDir } });
      const { store } = await instance.stores.create({ name: 'Loja Viva', currency: 'BRL', locale: 'pt-BR' });
      await instance.keys.create(store.id, 'live', 'secret');
      return { dataDir, instance, store };
    }

    it('holds a store with a live key to live standards: Mercado Pago, SMTP, and an https public URL', async () => {
      const { dataDir } = await withLiveStore();
      const { code, output } = await doctor({ BAAS_DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(check(output, 'provider credentials')).toMatchObject({ ok: false });
      const detail = check(output, 'provider credentials')!.detail;
      expect(detail).toContain(
        'store loja-viva has live keys but no live Mercado Pago token. Fix: baas stores update loja-viva --live --mercadopago-token',
      );
      expect(detail).toContain('store loja-viva e-mails customers but live mode has no SMTP');
      expect(check(output, 'public url')).toMatchObject({ ok: false, detail: expect.stringContaining('loja-viva take live payments') });
    });

    it('passes once the live credentials and the https public URL are set; a TEST- token in live mode fails', async () => {
      const { dataDir, instance, store } = await withLiveStore();
      const live = { 'mercadopago.webhook_secret': 'whsec-live', 'smtp.url': 'smtps://loja:pw@mail.example.com:465' };
      await instance.stores.update(store.id, {
        credentialsMode: 'live',
        credentials: { ...live, 'mercadopago.access_token': 'APP_USR-123-live-token-abcd' },
      });
      const env = { BAAS_DATA_DIR: dataDir, BAAS_PUBLIC_URL: 'https://baas.agency.example' };
      const { code, output } = await doctor(env);
      expect(code, JSON.stringify(output)).toBe(0);
      expect(check(output, 'provider credentials')).toEqual({
        name: 'provider credentials',
        ok: true,
        detail: '1 active store(s), 1 live: nothing missing',
      });
      expect(check(output, 'public url')).toEqual({ name: 'public url', ok: true, detail: 'https://baas.agency.example' });

      await instance.stores.update(store.id, {
        credentialsMode: 'live',
        credentials: { 'mercadopago.access_token': 'TEST-123-not-for-live-abcd' },
      });
      expect(check((await doctor(env)).output, 'provider credentials')?.detail).toContain('its live Mercado Pago token is a TEST- one');
    });
  });

  it('flags webhook endpoints that are failing or were disabled for failing, not those a user disabled', async () => {
    const dataDir = await initialised();
    const instance = await openTestInstance({ env: { BAAS_DATA_DIR: dataDir } });
    const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    const scope = { storeId: store.id, mode: 'test' as const, requestId: null };
    const endpoint = () => instance.webhookEndpoints.create(scope, { url: 'https://shop.example.com/hooks', enabled_events: ['*'] });
    const [failing, broken, paused] = [(await endpoint()).endpoint, (await endpoint()).endpoint, (await endpoint()).endpoint];
    const em = instance.orm.em.fork();
    await em.nativeUpdate(
      WebhookEndpointSchema,
      { id: failing.id },
      { failingSince: new Date('2026-11-01T10:00:00Z') },
      { filters: false },
    );
    await em.nativeUpdate(
      WebhookEndpointSchema,
      { id: broken.id },
      { status: 'disabled', disabledReason: 'failing_for_5_days' },
      { filters: false },
    );
    await em.nativeUpdate(
      WebhookEndpointSchema,
      { id: paused.id },
      { status: 'disabled', disabledReason: 'disabled_by_user' },
      { filters: false },
    );

    const { code, output } = await doctor({ BAAS_DATA_DIR: dataDir });
    expect(code).toBe(1);
    const detail = check(output, 'webhook endpoints')!.detail;
    expect(detail).toContain(`${failing.id} (https://shop.example.com/hooks) of store loja failing since 2026-11-01T10:00:00.000Z`);
    expect(detail).toContain(`${broken.id} (https://shop.example.com/hooks) of store loja was disabled: failing_for_5_days`);
    expect(detail).not.toContain(paused.id);
    expect(detail).toContain('baas webhooks deliveries --endpoint');
  });

  it('reports the age of the newest backup: fresh is fine, older than a day is a warning', async () => {
    const dataDir = await initialised();
    expect((await runCli(['backup'], { env: { BAAS_DATA_DIR: dataDir } })).code).toBe(0);
    const fresh = check((await doctor({ BAAS_DATA_DIR: dataDir })).output, 'backup');
    expect(fresh).toEqual({
      name: 'backup',
      ok: true,
      detail: expect.stringMatching(/^newest .*baas-backup-\d{8}T\d{6}Z\.tar\.gz, \d+ s old$/),
    });

    const backups = join(dataDir, 'backups');
    for (const name of readdirSync(backups)) rmSync(join(backups, name));
    writeFileSync(join(backups, 'baas-backup-20200101T000000Z.tar.gz'), '');
    const stale = check((await doctor({ BAAS_DATA_DIR: dataDir })).output, 'backup');
    expect(stale).toMatchObject({
      ok: true,
      warning: true,
      detail: expect.stringMatching(/baas-backup-20200101T000000Z\.tar\.gz, \d+ d old\. Fix: run `baas backup` daily/),
    });
  });

  describe('--network', () => {
    it('logs in to every SMTP server in use and reports the ones that refuse', async () => {
      const smtp = await startLoopbackSmtp({
        authOptional: false,
        allowInsecureAuth: true,
        onAuth(auth, _session, done) {
          if (auth.password === 'right') return done(null, { user: auth.username });
          done(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
        },
      });
      try {
        const dataDir = await initialised();
        const instance = await openTestInstance({ env: { BAAS_DATA_DIR: dataDir } });
        const { store } = await instance.stores.create({
          name: 'Loja',
          currency: 'BRL',
          locale: 'pt-BR',
          credentials: { 'smtp.url': `smtp://loja:wrong@127.0.0.1:${smtp.port}` },
        });
        const { code, output } = await doctor(
          { BAAS_DATA_DIR: dataDir, BAAS_SMTP_URL: `smtp://ops:right@127.0.0.1:${smtp.port}` },
          '--network',
        );
        expect(code).toBe(1);
        const logins = output.checks.filter((c) => c.name === 'smtp login');
        expect(logins).toEqual([
          { name: 'smtp login', ok: true, detail: `smtp://ops:***@127.0.0.1:${smtp.port} (BAAS_SMTP_URL): login ok` },
          {
            name: 'smtp login',
            ok: false,
            detail: expect.stringContaining(`smtp://loja:***@127.0.0.1:${smtp.port} (store ${store.slug} (test)): `),
          },
        ]);
        expect(logins[1]!.detail).toContain('535');
        expect(JSON.stringify(output)).not.toContain('wrong');
      } finally {
        await smtp.close();
      }
    });

    it('asks the WhatsApp API about each token: valid, rejected, or not checkable against a simulator', async () => {
      const graph: Server = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        const token = req.headers.authorization?.replace('Bearer ', '');
        if (token === 'EAAgood-token') return res.end(JSON.stringify({ id: '100200300', display_phone_number: '+55 11 4000-0000' }));
        if (token === 'EAAsimulated') {
          res.statusCode = 400;
          return res.end(JSON.stringify({ error: { code: 2500, message: `Unknown path components: ${req.url}` } }));
        }
        res.statusCode = 401;
        res.end(JSON.stringify({ error: { code: 190, message: 'Error validating access token: Session has expired' } }));
      });
      await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
      try {
        const dataDir = await initialised();
        const instance = await openTestInstance({ env: { BAAS_DATA_DIR: dataDir } });
        for (const [name, token] of [
          ['Boa', 'EAAgood-token'],
          ['Velha', 'EAAexpired-token'],
          ['Sim', 'EAAsimulated'],
        ] as const) {
          await instance.stores.create({
            name,
            currency: 'BRL',
            locale: 'pt-BR',
            credentials: { 'whatsapp.phone_number_id': '100200300', 'whatsapp.access_token': token },
          });
        }
        const apiUrl = `http://127.0.0.1:${(graph.address() as { port: number }).port}/v26.0`;
        const { code, output } = await doctor({ BAAS_DATA_DIR: dataDir, BAAS_WHATSAPP_API_URL: apiUrl }, '--network');
        expect(code).toBe(1);
        const bySlug = (slug: string) => output.checks.find((c) => c.name === 'whatsapp token' && c.detail.startsWith(`store ${slug} `));
        expect(bySlug('boa')).toEqual({
          name: 'whatsapp token',
          ok: true,
          detail: 'store boa (test), phone number 100200300: token valid for +55 11 4000-0000',
        });
        expect(bySlug('velha')).toMatchObject({
          ok: false,
          detail: expect.stringContaining(
            'token rejected (Error validating access token: Session has expired). Fix: baas stores update velha --whatsapp-token',
          ),
        });
        expect(bySlug('sim')).toMatchObject({
          ok: true,
          warning: true,
          detail: expect.stringContaining(`not checked: ${apiUrl} does not answer GET /{phone-number-id}`),
        });
      } finally {
        graph.close();
      }
    });
  });
});
