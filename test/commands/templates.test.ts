import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES } from '../../src/modules/templates/template-names.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const NBSP = '\u00a0';

async function ok(...args: string[]) {
  const result = await runCli(args);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return result;
}

/** One clear line on stderr and exit 1. */
async function failsWith(args: string[], line: string | RegExp, env?: NodeJS.ProcessEnv) {
  const result = await runCli(args, { env });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(typeof line === 'string' ? `✗ ${line}` : line);
}

describe('baas templates list', () => {
  it('tabulates every template with its channels, locales and required variables', async () => {
    const { stdout } = await ok('templates', 'list');
    expect(stdout).toMatch(/template\s+│ channels\s+│ locales\s+│ required variables/);
    for (const name of TEMPLATE_NAMES) expect(stdout).toMatch(new RegExp(`│ ${name}\\s+│ email, whatsapp │ es, pt-BR, en │`));
    expect(stdout).toContain('payment.pix.ticket_url (whatsapp)');
    expect(stdout).toContain('order.amount_refunded');
  });

  it('--json lists them for a script', async () => {
    const { stdout } = await ok('templates', 'list', '--json');
    const { object, data } = JSON.parse(stdout);
    expect(object).toBe('list');
    expect(data.map((t: { name: string }) => t.name)).toEqual([...TEMPLATE_NAMES]);
    const paid = data.find((t: { name: string }) => t.name === 'order_paid');
    expect(paid.channels).toEqual(['email', 'whatsapp']);
    expect(paid.variables.whatsapp).toEqual(['order.amount_total', 'order.currency', 'order.number']);
    expect(paid.variables.email).toContain('order.items');
  });
});

describe('baas templates preview', () => {
  it('prints the subject and the text part of an email, with sample data', async () => {
    const { stdout } = await ok('templates', 'preview', 'payment_pending', '--locale', 'pt-BR');
    expect(stdout).toMatch(/^Subject: Pedido #1042: falta só o pagamento\n/);
    expect(stdout).toContain(`Para concluir a compra, pague R$${NBSP}129,90.`);
    expect(stdout).toContain('00020126580014br.gov.bcb.pix');
    expect(stdout).toContain('(add --html FILE to write the HTML part)');
  });

  it('--html writes the inlined HTML part to a file', async () => {
    const file = join(tempDir('baas-preview'), 'pix.html');
    const { stdout } = await ok('templates', 'preview', 'payment_pending', '--html', file);
    expect(stdout).toContain(`HTML part written to ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('style="');
    expect(html).toContain('src="data:image/png;base64,iVBOR');
  });

  it('prints a WhatsApp message: template, language code, parameters and text', async () => {
    const { stdout } = await ok('templates', 'preview', 'order_paid', '--channel', 'whatsapp', '--locale', 'es-AR');
    expect(stdout).toMatch(/^Template order_paid, language es\n/);
    expect(stdout).toMatch(/│ order_number\s+│ text\s+│ A-2087/);
    expect(stdout).toContain(`│ total        │ currency │ $${NBSP}36.490,00 (ARS, amount_1000 36490000) │`);
    expect(stdout).toContain(`¡Pago confirmado! Recibimos $${NBSP}36.490,00 por tu pedido #A-2087`);
  });

  it('--json prints the rendered message; --data and --timezone change what is rendered', async () => {
    const dir = tempDir('baas-preview');
    const data = join(dir, 'data.json');
    writeFileSync(data, JSON.stringify({ order: { number: '7777', created_at: '2026-03-12T02:30:00Z' } }));
    const { stdout } = await ok(
      'templates',
      'preview',
      'order_confirmation',
      '--channel',
      'whatsapp',
      '--data',
      data,
      '--timezone',
      'UTC',
      '--json',
    );
    const message = JSON.parse(stdout);
    expect(message).toMatchObject({
      template: 'order_confirmation',
      channel: 'whatsapp',
      locale: 'pt-BR',
      name: 'order_confirmation',
      languageCode: 'pt_BR',
    });
    expect(message.parameters.slice(0, 2)).toEqual([
      { type: 'text', name: 'order_number', text: '7777' },
      { type: 'date_time', name: 'order_date', fallback: '12 de março de 2026 às 02:30' },
    ]);
    const email = JSON.parse((await ok('templates', 'preview', 'order_paid', '--locale', 'en', '--json')).stdout);
    expect(Object.keys(email)).toEqual(['template', 'channel', 'locale', 'subject', 'html', 'text']);
    expect(email.subject).toBe('Payment confirmed for order #CL-5531');
  });

  it("--store renders that store's overrides from the templates dir", async () => {
    const dataDir = tempDir('baas-preview');
    const override = join(dataDir, 'templates', 'sto_ana', 'email', 'order_paid');
    mkdirSync(override, { recursive: true });
    writeFileSync(join(override, 'pt-BR.subject.hbs'), 'Oba, {{customer.name}}: pedido {{order.number}} pago!');
    const result = await runCli(['templates', 'preview', 'order_paid', '--store', 'sto_ana'], { env: { BAAS_DATA_DIR: dataDir } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Subject: Oba, Beatriz Souza: pedido 1042 pago!\n/);
  });

  it('fails with one line: unknown template, bad --data, missing variable', async () => {
    const dir = tempDir('baas-preview');
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{"order": {');
    const blank = join(dir, 'blank.json');
    writeFileSync(blank, '{"order": {"number": null}}');
    await failsWith(
      ['templates', 'preview', 'order_shipped'],
      'There is no template named "order_shipped"; the templates are order_confirmation',
    );
    await failsWith(['templates', 'preview', 'order_paid', '--data', notJson], `--data ${notJson} is not JSON`);
    await failsWith(
      ['templates', 'preview', 'order_paid', '--data', join(dir, 'nope.json')],
      `--data ${join(dir, 'nope.json')}: no such file`,
    );
    await failsWith(['templates', 'preview', 'order_paid', '--data', blank], 'template order_paid (pt-BR, email) needs order.number');
    await failsWith(
      ['templates', 'preview', 'order_paid', '--channel', 'whatsapp', '--html', join(dir, 'x.html')],
      '--html is for --channel email',
    );
  });
});
