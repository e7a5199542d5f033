import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const RECORDER = fileURLToPath(new URL('../helpers/record-loaded-packages.mjs', import.meta.url));
/** Each costs 20-60 ms to load; an operator's `baas stores list` needs none of them. */
const LOADED_ON_FIRST_USE = ['handlebars', 'juice', 'libphonenumber-js', 'mercadopago', 'nodemailer', 'pino-pretty', 'umzug'];

describe('commands load what they use', () => {
  it('`baas stores list` loads no payment SDK, template engine, phone metadata, mailer or migrator', async () => {
    const dataDir = tempDir();
    const env = { BAAS_DATA_DIR: dataDir };
    expect((await runCli(['migrate'], { env })).code).toBe(0);
    const out = join(dataDir, 'loaded.txt');
    const listed = await runCli(['stores', 'list'], { env: { ...env, NODE_OPTIONS: `--import ${RECORDER}`, BAAS_TEST_LOADED_OUT: out } });
    expect(listed.code, listed.stderr).toBe(0);
    const loaded = readFileSync(out, 'utf8').split('\n');
    expect(loaded).toContain('knex'); // the recorder sees the packages the command does load
    expect(loaded.filter((name) => LOADED_ON_FIRST_USE.includes(name))).toEqual([]);
  });
});
