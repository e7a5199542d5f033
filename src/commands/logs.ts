import { setTimeout as sleep } from 'node:timers/promises';
import { Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { MAX_SINCE, parseDuration } from '../cli/duration-flag.js';
import { activityLine } from '../cli/render-activity.js';
import { ACTIVITY_KINDS, ACTIVITY_LEVELS, type Activity } from '../modules/activity/activity.entity.js';
import { activityJson } from '../modules/activity/activity.json.js';
import type { ActivityFilter, ActivityQueries } from '../modules/activity/activity-queries.js';
import { invalidRequest } from '../shared/errors.js';

const MAX_LIMIT = 10_000;
const FOLLOW_POLL_MS = 500;
/** Rows may become visible a little after their time (buffered writes, long transactions): following looks back this far. */
const FOLLOW_LOOKBACK_MS = 5_000;

/** `--since 1h` or an ISO time. */
function moment(value: string | undefined, flag: 'since' | 'until', now: Date): Date | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d\d-\d\d/.test(value)) {
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) throw invalidRequest('parameter_invalid', `--${flag}: "${value}" is not a date and time`, flag);
    return at;
  }
  return new Date(now.getTime() - parseDuration(value, { flag, max: MAX_SINCE }));
}

export default class Logs extends BaasCommand {
  static override summary = 'The story of requests, provider calls, notifications, transitions, deliveries and messages';
  static override description = `Reads the activity log that the server (and every command) writes to the database: each API request, each call to Mercado Pago, SMTP or WhatsApp, each notification received (and whether it was a duplicate), each payment transition with its cause, each event, job run and webhook delivery attempt. Works while the server runs, from another process. Secrets, card data and full e-mail addresses or phone numbers are never stored. \`--order ord_…\` prints that order's whole timeline, oldest first, with the time since its first entry.`;

  static override enableJsonFlag = false;

  static override examples = [
    {
      description: 'What happened to an order, and why is it stuck?',
      command: '<%= config.bin %> <%= command.id %> --order ord_01jq3v6z8m4c2r9t7w5x0y1k3n',
    },
    { description: 'Warnings and errors of the last hour', command: '<%= config.bin %> <%= command.id %> --level warn --since 1h' },
    {
      description: 'Watch notifications and deliveries as they come',
      command: '<%= config.bin %> <%= command.id %> --type notification,delivery --follow',
    },
    {
      description: 'One request, as JSON lines for jq',
      command: "<%= config.bin %> <%= command.id %> --request req_01jq3v… --json | jq -r '.summary'",
    },
  ];

  static override flags = {
    store: Flags.string({ description: 'only this store (id sto_… or slug)' }),
    order: Flags.string({
      description: "an order's whole timeline: its requests, payments, notifications, events, deliveries and messages",
    }),
    payment: Flags.string({ description: 'only what concerns this payment (pay_…), notifications about it included' }),
    request: Flags.string({ description: 'only what this request (req_… / X-Request-Id) did' }),
    type: Flags.string({ description: `only these kinds, comma-separated: ${ACTIVITY_KINDS.join(', ')}` }),
    level: Flags.string({ description: 'this level and above', options: [...ACTIVITY_LEVELS] }),
    since: Flags.string({ description: 'from this long ago (30m, 1h, 7d) or this ISO time' }),
    until: Flags.string({ description: 'up to this long ago or this ISO time' }),
    limit: Flags.integer({
      description: `at most this many rows, the newest (an order's timeline: the oldest) (1–${MAX_LIMIT})`,
      min: 1,
      max: MAX_LIMIT,
    }),
    follow: Flags.boolean({ char: 'f', description: 'keep printing new rows as they are written (Ctrl-C stops)' }),
    json: Flags.boolean({ description: 'one JSON object per line (pipe it to jq)' }),
  };

  async run() {
    const { flags } = await this.parse(Logs);
    const now = new Date();
    const kinds = flags.type?.split(',').map((kind) => kind.trim());
    const unknown = kinds?.filter((kind) => !(ACTIVITY_KINDS as readonly string[]).includes(kind));
    if (unknown?.length)
      throw invalidRequest('parameter_invalid', `--type: unknown kind ${unknown.join(', ')}; use ${ACTIVITY_KINDS.join(', ')}`, 'type');
    const filter: ActivityFilter = {
      orderId: flags.order,
      paymentId: flags.payment,
      requestId: flags.request,
      kinds,
      level: flags.level as ActivityFilter['level'],
      since: moment(flags.since, 'since', now),
      until: moment(flags.until, 'until', now),
    };
    await this.withInstance(async (instance) => {
      if (flags.store) filter.storeId = (await instance.stores.find(flags.store)).id;
      const timeline = Boolean(flags.order);
      const rows = await instance.activityQueries.list(filter, flags.limit ?? (timeline ? MAX_LIMIT : 100), timeline ? 'oldest' : 'newest');
      const print = this.printer(flags.json, timeline ? rows[0]?.at : undefined, filter);
      if (timeline && !flags.json)
        this.log(rows.length ? `Timeline of ${flags.order}: ${rows.length} entries` : `Nothing recorded about ${flags.order}.`);
      for (const row of rows) print(row);
      if (!flags.follow) {
        if (!rows.length && !timeline && !flags.json) this.log('No activity matches.');
        return;
      }
      await this.follow(instance.activityQueries, filter, rows, print);
    });
  }

  /** Polls for rows newer than the last seen, looking back a little so a row that became visible late is not skipped. */
  private async follow(queries: ActivityQueries, filter: ActivityFilter, seen: Activity[], print: (row: Activity) => void) {
    const printed = new Map(seen.map((row) => [row.id, row.at.getTime()]));
    let from = seen.at(-1)?.at ?? new Date();
    let stopped = false;
    process.once('SIGINT', () => {
      stopped = true;
      process.exitCode = 130;
    });
    while (!stopped) {
      await sleep(FOLLOW_POLL_MS);
      const window = new Date(from.getTime() - FOLLOW_LOOKBACK_MS);
      for (const row of await queries.list({ ...filter, since: window }, MAX_LIMIT, 'oldest')) {
        if (printed.has(row.id)) continue;
        printed.set(row.id, row.at.getTime());
        print(row);
        if (row.at > from) from = row.at;
      }
      for (const [id, at] of printed) if (at < window.getTime()) printed.delete(id);
    }
  }

  private printer(json: boolean, since: Date | undefined, filter: ActivityFilter): (row: Activity) => void {
    if (json) return (row) => process.stdout.write(`${JSON.stringify(activityJson(row))}\n`);
    const hideIds = [...(filter.storeId ? (['storeId'] as const) : []), ...(filter.orderId ? (['orderId'] as const) : [])];
    return (row) => this.log(activityLine(row, { hideIds, since }));
  }
}
