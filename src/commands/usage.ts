import { Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { invalidRequest } from '../shared/errors.js';
import { renderTable } from '../cli/table.js';
import { usageCsv } from '../modules/usage/usage-csv.js';
import { parsePeriod } from '../modules/usage/usage-period.js';
import { figuresOf, usageTotals } from '../modules/usage/usage-totals.js';
import type { Usage, UsageFigures, Volume } from '../modules/usage/usage.json.js';
import { wallClock } from '../modules/usage/zoned-time.js';

/** `approved 3 · rejected 1`: the non-zero counts, or `0`. */
function counts(byKey: Record<string, number>, names: Record<string, string> = {}): string {
  const parts = Object.entries(byKey)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${names[key] ?? key.replaceAll('_', ' ')} ${n}`);
  return parts.length ? parts.join(' · ') : '0';
}

const volumeLines = (volumes: Volume[], what: string) =>
  volumes.length ? volumes.map((v) => `${v.formatted} (${v.count} ${what}${v.count === 1 ? '' : 's'})`).join('\n') : '—';

/** A figure counted in part from rows purged before they were rolled up is marked. */
const partial = (complete: boolean) => (complete ? '' : ' *');

function figuresTable(f: UsageFigures): string {
  return renderTable(
    ['figure', 'value'],
    [
      ['API requests', `${f.api_requests.count}${partial(f.api_requests.complete)}`],
      ['orders created', f.orders.created],
      ['payments', counts(f.payments.by_status)],
      ['approved volume', volumeLines(f.payments.approved_volume, 'payment')],
      ['refunds', counts(f.refunds.by_status)],
      ['refunded', volumeLines(f.refunds.refunded_volume, 'refund')],
      [
        'webhook deliveries',
        `${counts({ succeeded: f.webhook_deliveries.succeeded, failed: f.webhook_deliveries.failed })}${partial(f.webhook_deliveries.complete)}`,
      ],
      ['e-mails', counts(f.messages.email)],
      ['WhatsApp messages', counts(f.messages.whatsapp)],
      ['WhatsApp billable', `${f.messages.whatsapp_billable} (delivered or read)`],
      ['notifications', counts(f.inbound_notifications, { mercadopago: 'Mercado Pago', whatsapp: 'WhatsApp' })],
    ],
  );
}

/** `2026-11-01 00:00` on the store's clock. */
const local = (iso: string, timezone: string) =>
  new Date(wallClock(Date.parse(iso), timezone)).toISOString().slice(0, 16).replace('T', ' ');

function heading(usage: Usage): string {
  const { from, to, timezone, month } = usage.period;
  const span = `${local(from, timezone)} → ${local(to, timezone)} ${timezone}`;
  return `${usage.store_name} (${usage.store_id}) · ${usage.livemode ? 'live' : 'test'} mode · ${month ? `${month} (${span})` : span}`;
}

const anyPartial = (f: UsageFigures) => !f.api_requests.complete || !f.webhook_deliveries.complete;

export default class UsageCommand extends BaasCommand {
  static override summary = 'What each store used in a period: the figures to charge its monthly fee by';
  static override description = `Per store, in one mode (test unless --live; the two are never added together): API requests, orders created, payments by status and the approved volume per currency, refunds, webhook delivery attempts, e-mail and WhatsApp messages by status (WhatsApp delivered or read is what Meta charges for) and inbound notifications. Periods are read in each store's time zone: --month 2026-11 is from 1 November 00:00 to 1 December 00:00 on the store's clock. Counted from the records baas keeps; API requests and delivery attempts, whose rows are purged after their retention, from daily roll-ups the server writes each hour (* marks a figure counted in part from rows purged before they were rolled up).`;

  static override examples = [
    { description: 'This month so far, every store, test mode', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Last November of one store, live',
      command: '<%= config.bin %> <%= command.id %> --store loja-da-ana --month 2026-11 --live',
    },
    {
      description: 'The first half of a month, for a spreadsheet',
      command: '<%= config.bin %> <%= command.id %> --since 2026-11-01 --until 2026-11-16 --live --csv > usage.csv',
    },
  ];

  static override flags = {
    store: Flags.string({ description: 'only this store (id sto_… or slug)' }),
    month: Flags.string({ description: 'a calendar month, e.g. 2026-11 (default: the current one)', exclusive: ['since', 'until'] }),
    since: Flags.string({ description: 'from this date (2026-11-01), local time (2026-11-01T09:00) or instant (…Z)' }),
    until: Flags.string({ description: 'up to, not including, this date, local time or instant (default: now)', dependsOn: ['since'] }),
    live: Flags.boolean({ description: 'live mode (default: test)', default: false }),
    csv: Flags.boolean({ description: 'one CSV record per store, for spreadsheets (not with --json)' }),
  };

  async run() {
    const { flags } = await this.parse(UsageCommand);
    if (flags.csv && this.jsonEnabled()) throw invalidRequest('parameter_invalid', '--csv and --json: choose one.', 'csv');
    const period = parsePeriod(flags);
    return this.withInstance(async (instance) => {
      const reports = await instance.usage.report({ store: flags.store }, flags.live, period);
      const totals = usageTotals(reports);
      if (flags.csv) process.stdout.write(usageCsv(reports));
      else if (!totals) this.log('No stores yet: create one with `baas stores create`.');
      else {
        for (const report of reports) this.log(`${heading(report)}\n${figuresTable(report)}\n`);
        if (reports.length > 1)
          this.log(`Total of ${reports.length} stores · ${flags.live ? 'live' : 'test'} mode\n${figuresTable(figuresOf(totals))}`);
        if (anyPartial(totals)) {
          this.log(
            '* counted in part: this period reaches back before the activity log or delivery attempts it is counted from were rolled up, and some were purged after their retention.',
          );
        }
      }
      return { object: 'list', data: reports, totals };
    });
  }
}
