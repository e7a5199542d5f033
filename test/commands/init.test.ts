import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('baas init', () => {
  it('writes a config file, migrates and creates the first store with --yes', async () => {
    const cwd = tempDir();
    const result = await runCli(
      [
        'init',
        '--yes',
        '--json',
        '--data-dir',
        'var',
        '--public-url',
        'https://baas.agency.example',
        '--store-name',
        'Loja da Ana',
        '--currency',
        'CLP',
        '--locale',
        'es',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    const file = join(cwd, 'baas.config.json');
    expect(output.config_file).toBe(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ data_dir: 'var', port: 4000, public_url: 'https://baas.agency.example' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(output.store).toMatchObject({
      id: expect.stringMatching(/^sto_/),
      name: 'Loja da Ana',
      secret_key: expect.stringMatching(/^sk_test_/),
    });
    expect(existsSync(join(cwd, 'var', 'baas.sqlite'))).toBe(true);

    const doctor = await runCli(['doctor', '--json'], { cwd, env: { BAAS_CONFIG: file } });
    expect(JSON.parse(doctor.stdout).ok).toBe(true);
  });

  it('never replaces an existing config file without --force', async () => {
    const cwd = tempDir();
    expect((await runCli(['init', '--yes', '--port', '4100'], { cwd })).code).toBe(0);
    const refused = await runCli(['init', '--yes', '--port', '4200'], { cwd });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/already exists\. Fix: pass --force/);
    expect(JSON.parse(readFileSync(join(cwd, 'baas.config.json'), 'utf8')).port).toBe(4100);
    expect((await runCli(['init', '--yes', '--port', '4200', '--force'], { cwd })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'baas.config.json'), 'utf8')).port).toBe(4200);
  });

  it('refuses a bad value and writes no file', async () => {
    const cwd = tempDir();
    const result = await runCli(['init', '--yes', '--public-url', 'ftp://nope'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/public_url: must be an http:\/\/ or https:\/\/ URL/);
    expect(existsSync(join(cwd, 'baas.config.json'))).toBe(false);
  });

  it('asks for --yes when there is no terminal to prompt on', async () => {
    const result = await runCli(['init'], { cwd: tempDir() });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/pass --yes/);
  });
});
