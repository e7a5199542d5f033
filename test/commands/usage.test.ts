import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { openInstance } from '../../src/runtime/instance.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { silentLogger } from '../helpers/instance.js';
import { tempDir } from '../helpers/temp-dir.js';
import { insertRows, rows, storeCreatedAt } from '../integration/usage/seed.js';

// The rows are written over a real SQLite file; the built CLI reads the same file. The CLI runs
// on the real clock, so everything is placed relative to now and asked for with --since.

const DAY = 24 * 3600_000;
const NAME_WITH_QUOTES = 'Bar "do Zé", Centro';

/** Two stores two days ago: one in BRL (São Paulo), one in CLP (Santiago) whose name needs quoting in CSV. */
async function seeded() {
  const dir = tempDir('baas-usage');
  const instance = await openInstance(loadConfig({ BAAS_DATA_DIR: dir }), silentLogger(), { migrate: true });
  try {
    const at = new Date(Date.now() - 2 * DAY);
    const ana = (await instance.stores.create({ name: 'Loja da Ana', currency: 'BRL', locale: 'pt-BR', timezone: 'America/Sao_Paulo' }))
      .store;
    const bar = (await instance.stores.create({ name: NAME_WITH_QUOTES, currency: 'CLP', locale: 'es', timezone: 'America/Santiago' }))
      .store;
    for (const store of [ana, bar]) await storeCreatedAt(instance.orm, store.id, new Date(Date.now() - 5 * DAY));
    const times = (n: number, make: () => Record<string, unknown>) => Array.from({ length: n }, make);
    await insertRows(instance.orm, 'activity_log', [
      ...times(5, () => rows.request(ana.id, false, at)),
      ...times(3, () => rows.request(ana.id, true, at)),
      ...times(2, () => rows.request(bar.id, false, at)),
    ]);
    await insertRows(instance.orm, 'orders', [...times(2, () => rows.order(ana.id, false, at)), rows.order(bar.id, false, at)]);
    await insertRows(instance.orm, 'payments', [
      rows.payment(ana.id, false, at, 'approved', 11480, 'BRL'),
      rows.payment(ana.id, false, at, 'rejected', 11480, 'BRL'),
      rows.payment(bar.id, false, at, 'approved', 15000, 'CLP'),
    ]);
    await insertRows(instance.orm, 'webhook_deliveries', [
      rows.delivery(ana.id, false, at, 'succeeded'),
      rows.delivery(ana.id, false, at, 'failed'),
    ]);
    await insertRows(instance.orm, 'messages', [
      rows.message(ana.id, false, at, 'whatsapp', 'delivered'),
      rows.message(ana.id, false, at, 'whatsapp', 'failed'),
      rows.message(ana.id, false, at, 'email', 'sent'),
    ]);
    return { dir, ana: ana.id, bar: bar.id, since: new Date(Date.now() - 3 * DAY).toISOString() };
  } finally {
    await instance.close();
  }
}

function cliIn(dir: string, env: NodeJS.ProcessEnv = {}) {
  const cli = (...args: string[]): Promise<CliResult> => runCli(['usage', ...args], { env: { BAAS_DATA_DIR: dir, ...env } });
  const ok = async (...args: string[]) => {
    const result = await cli(...args);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return result.stdout;
  };
  return { cli, ok };
}

/** RFC 4180, read back independently of how it was written: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field === '' && record.length === 0, 'the last record ends with CRLF').toBe(true);
  return records;
}

describe('baas usage', () => {
  it('prints a table per store, by name, and their totals', async () => {
    const { dir, ana, since } = await seeded();
    const out = await cliIn(dir).ok('--since', since);
    const headings = out.split('\n').filter((line) => / · test mode/.test(line));
    expect(headings).toHaveLength(3);
    expect(headings[0]).toMatch(
      new RegExp(`^${NAME_WITH_QUOTES} \\(sto_\\w+\\) · test mode · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d → .* America/Santiago$`),
    );
    expect(headings[1]).toMatch(new RegExp(`^Loja da Ana \\(${ana}\\) · test mode · .* America/Sao_Paulo$`));
    expect(headings[2]).toBe('Total of 2 stores · test mode');
    const totals = out.slice(out.indexOf('Total of 2 stores'));
    expect(totals).toMatch(/API requests\s+│ 7\s/);
    expect(totals).toMatch(/orders created\s+│ 3\s/);
    expect(totals).toMatch(/payments\s+│ approved 2 · rejected 1\s/);
    expect(totals).toMatch(/114\.80 BRL \(1 payment\)/);
    expect(totals).toMatch(/15000 CLP \(1 payment\)/);
    expect(totals).toMatch(/webhook deliveries\s+│ succeeded 1 · failed 1\s/);
    expect(totals).toMatch(/WhatsApp messages\s+│ delivered 1 · failed 1\s/);
    expect(totals).toMatch(/WhatsApp billable\s+│ 1 \(delivered or read\)/);
    expect(out).not.toContain('*');
  });

  it('keeps live apart, reads months on the store’s clock and answers JSON', async () => {
    const { dir, ana, since } = await seeded();
    const { ok } = cliIn(dir);
    const live = JSON.parse(await ok('--store', ana, '--since', since, '--live', '--json'));
    expect(live.data).toHaveLength(1);
    expect(live.data[0]).toMatchObject({ store_id: ana, livemode: true, api_requests: { count: 3 }, orders: { created: 0 } });
    expect(live.totals).toMatchObject({ object: 'usage_totals', livemode: true, stores: 1, api_requests: { count: 3, complete: true } });

    const january = JSON.parse(await ok('--store', 'loja-da-ana', '--month', '2026-01', '--json'));
    expect(january.data[0].period).toEqual({
      from: '2026-01-01T03:00:00.000Z',
      to: '2026-02-01T03:00:00.000Z',
      timezone: 'America/Sao_Paulo',
      month: '2026-01',
    });
    expect(january.data[0].api_requests.count).toBe(0);
    expect(await ok('--store', ana, '--month', '2026-01')).toContain(
      'Loja da Ana (' + ana + ') · test mode · 2026-01 (2026-01-01 00:00 → 2026-02-01 00:00 America/Sao_Paulo)',
    );
  });

  it('writes CSV that parses back into the same figures, one record per store', async () => {
    const { dir, since } = await seeded();
    const { ok } = cliIn(dir);
    const text = await ok('--since', since, '--csv');
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const [header, ...records] = parseCsv(text);
    expect(records).toHaveLength(2);
    const byColumn = records.map((record) => Object.fromEntries(header!.map((column, i) => [column, record[i]])));
    const json = JSON.parse(await ok('--since', since, '--json'));
    expect(byColumn.map((r) => r.store_name)).toEqual([NAME_WITH_QUOTES, 'Loja da Ana']);
    for (const [i, usage] of json.data.entries()) {
      const r = byColumn[i]!;
      expect(r).toMatchObject({
        store_id: usage.store_id,
        livemode: 'false',
        period_from: usage.period.from,
        period_timezone: usage.period.timezone,
        api_requests_count: String(usage.api_requests.count),
        api_requests_complete: 'true',
        orders_created: String(usage.orders.created),
        payments_by_status_approved: String(usage.payments.by_status.approved),
        messages_whatsapp_billable: String(usage.messages.whatsapp_billable),
      });
    }
    // Every currency any store used has its columns; a store without it leaves them blank.
    expect(byColumn[1]).toMatchObject({
      payments_approved_volume_BRL_amount: '11480',
      payments_approved_volume_BRL_formatted: '114.80 BRL',
    });
    expect(byColumn[0]).toMatchObject({ payments_approved_volume_BRL_amount: '', payments_approved_volume_CLP_amount: '15000' });
  });

  it('marks figures counted from rows partly purged, and refuses bad periods in one line', async () => {
    const { dir, ana, since } = await seeded();
    // A one-day retention: the period reaches back before the rows it counts are surely kept.
    const short = cliIn(dir, { BAAS_ACTIVITY_RETENTION_DAYS: '1' });
    const out = await short.ok('--store', ana, '--since', since);
    expect(out).toMatch(/API requests\s+│ 5 \*/);
    expect(out).toContain('* counted in part');

    const { cli } = cliIn(dir);
    for (const [args, message] of [
      [['--month', '2026-13'], /^✗ month: "2026-13" is not a month such as 2026-11\.\n$/],
      [['--since', '2026-11-31'], /^✗ since: "2026-11-31" is not a date/],
      [['--csv', '--json'], /--csv and --json: choose one/],
      [['--store', 'nope'], /^✗ No store nope\.\n$/],
    ] as const) {
      const result = await cli(...args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr + result.stdout).toMatch(message);
    }
    expect((await cli('--month', '2026-11', '--since', '2026-11-01')).code).toBe(2);
  });
});
