import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { EXIT, SetupError } from '../../../src/shared/errors.js';
import { tempDir } from '../../helpers/temp-dir.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SetupError);
    expect((error as SetupError).exitCode).toBe(EXIT.config);
    return (error as SetupError).problems;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  it('starts from the documented defaults', () => {
    const cwd = tempDir();
    const config = loadConfig({}, cwd);
    expect(config.dataDir).toBe(join(cwd, 'data'));
    expect(config.database).toEqual({ kind: 'sqlite', path: join(cwd, 'data', 'baas.sqlite') });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.publicUrl).toBe('http://127.0.0.1:4000');
    expect(config.mercadopagoApiUrl).toBe('https://api.mercadopago.com');
    expect(config.whatsappApiUrl).toBe('https://graph.facebook.com/v26.0');
    expect(config.smtpUrl).toBeUndefined();
    expect(config.smtpFrom).toBe('no-reply@127.0.0.1');
    expect(config.sandbox).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.webhookAllowPrivate).toBe(false);
    expect(config.masterKey).toBeUndefined();
  });

  it('lets the BAAS_CONFIG file override defaults and the environment override the file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'baas.json'), JSON.stringify({ port: 5000, host: '0.0.0.0', log_level: 'debug' }));
    const config = loadConfig({ BAAS_CONFIG: 'baas.json', BAAS_PORT: '6000' }, cwd);
    expect(config.port).toBe(6000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.logLevel).toBe('debug');
    expect(config.sources).toContain(join(cwd, 'baas.json'));
  });

  it('derives the public URL, database and From address from the values they depend on', () => {
    const cwd = tempDir();
    const config = loadConfig({ BAAS_DATA_DIR: '/srv/baas', BAAS_PUBLIC_URL: 'https://baas.agency.example/' }, cwd);
    expect(config.publicUrl).toBe('https://baas.agency.example');
    expect(config.smtpFrom).toBe('no-reply@baas.agency.example');
    expect(config.database).toEqual({ kind: 'sqlite', path: '/srv/baas/baas.sqlite' });
  });

  it('understands sqlite: and postgres:// database URLs', () => {
    const cwd = tempDir();
    expect(loadConfig({ BAAS_DATABASE_URL: 'sqlite:db/x.sqlite' }, cwd).database).toEqual({
      kind: 'sqlite',
      path: join(cwd, 'db/x.sqlite'),
    });
    expect(loadConfig({ BAAS_DATABASE_URL: 'postgres://u:p@localhost:5432/baas' }, cwd).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@localhost:5432/baas',
    });
  });

  it('reads booleans and the master key from the environment', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ BAAS_SANDBOX: 'false', BAAS_WEBHOOK_ALLOW_PRIVATE: 'true', BAAS_MASTER_KEY: key }, tempDir());
    expect(config.sandbox).toBe(false);
    expect(config.webhookAllowPrivate).toBe(true);
    expect(config.masterKey?.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('reports every invalid value at once, one line each naming the variable and a fix', () => {
    const problems = problemsOf(() =>
      loadConfig(
        {
          BAAS_PORT: 'eighty',
          BAAS_LOG_LEVEL: 'verbose',
          BAAS_PUBLIC_URL: 'ftp://x',
          BAAS_SANDBOX: 'maybe',
          BAAS_DATABASE_URL: 'mysql://x',
          BAAS_SMTP_URL: 'http://mail',
        },
        tempDir(),
      ),
    );
    expect(problems).toHaveLength(6);
    for (const name of ['BAAS_PORT', 'BAAS_LOG_LEVEL', 'BAAS_PUBLIC_URL', 'BAAS_SANDBOX', 'BAAS_DATABASE_URL', 'BAAS_SMTP_URL']) {
      const line = problems.find((p) => p.startsWith(name));
      expect(line, name).toBeDefined();
      expect(line).toMatch(/Fix: /);
      expect(line).not.toContain('\n');
    }
  });

  it('never echoes a bad master key back', () => {
    const [line] = problemsOf(() => loadConfig({ BAAS_MASTER_KEY: 'not-really-a-key-but-secret' }, tempDir()));
    expect(line).toContain('BAAS_MASTER_KEY');
    expect(line).not.toContain('not-really-a-key-but-secret');
  });

  it('rejects unknown keys in a config file and suggests the one meant', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.json'), JSON.stringify({ prot: 4000 }));
    const [line] = problemsOf(() => loadConfig({ BAAS_CONFIG: 'c.json' }, cwd));
    expect(line).toContain('unknown key "prot"');
    expect(line).toContain('did you mean "port"');
  });

  it('explains a config file that is missing or not JSON', () => {
    const cwd = tempDir();
    expect(problemsOf(() => loadConfig({ BAAS_CONFIG: 'missing.json' }, cwd))[0]).toMatch(/cannot read .*missing\.json \(ENOENT\)/);
    writeFileSync(join(cwd, 'broken.json'), '{"port": 4000,');
    expect(problemsOf(() => loadConfig({ BAAS_CONFIG: 'broken.json' }, cwd))[0]).toMatch(/broken\.json: not valid JSON/);
    writeFileSync(join(cwd, 'list.json'), '[1,2]');
    expect(problemsOf(() => loadConfig({ BAAS_CONFIG: 'list.json' }, cwd))[0]).toMatch(/must hold one JSON object/);
  });

  it('names the file a bad value came from', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.json'), JSON.stringify({ port: 70000 }));
    const [line] = problemsOf(() => loadConfig({ BAAS_CONFIG: 'c.json' }, cwd));
    expect(line).toMatch(/^port in .*c\.json = 70000: must be at most 65535/);
  });
});
