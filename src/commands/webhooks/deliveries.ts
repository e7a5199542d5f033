import { Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { parseSince } from '../../cli/duration-flag.js';
import { cellDate } from '../../cli/render-store.js';
import { renderTable } from '../../cli/table.js';
import type { WebhookDelivery } from '../../modules/webhooks/webhook-delivery.entity.js';
import { deliveryJson } from '../../modules/webhooks/webhook-endpoint.json.js';

const MAX_LIMIT = 1000;

function deliveriesTable(deliveries: WebhookDelivery[]): string {
  return renderTable(
    ['id', 'when', 'endpoint', 'event', 'attempt', 'trigger', 'status', 'duration', 'error', 'next attempt'],
    deliveries.map((d) => [
      d.id,
      cellDate(d.startedAt),
      d.endpointId,
      d.eventId,
      d.attempt,
      d.trigger,
      `${d.status} ${d.statusCode ?? '—'}`,
      `${d.durationMs} ms`,
      d.errorClass ?? '—',
      cellDate(d.nextAttemptAt),
    ]),
  );
}

export default class WebhooksDeliveries extends BaasCommand {
  static override summary = 'List webhook delivery attempts, newest first';
  static override description = `Every attempt to deliver an event to an endpoint, across stores and modes unless filtered: when it started, the attempt number, what triggered it (scheduled, manual redelivery or replay), the outcome and HTTP status, how long it took, the error class of a failure (timeout, dns, connection_refused, http_status…) and when the next retry is due. Re-send failures with \`baas webhooks replay\`.`;

  static override examples = [
    { description: 'Failures of the last hour', command: '<%= config.bin %> <%= command.id %> --status failed --since 1h' },
    { description: "One store's attempts", command: '<%= config.bin %> <%= command.id %> --store loja-da-ana' },
    {
      description: 'One endpoint, for a script',
      command: '<%= config.bin %> <%= command.id %> --endpoint we_01jq3v6z8m4c2r9t7w5x0y1k3n --limit 200 --json',
    },
  ];

  static override flags = {
    store: Flags.string({ description: 'only this store (id sto_… or slug)' }),
    endpoint: Flags.string({ description: 'only this endpoint (we_…)' }),
    status: Flags.string({ description: 'only attempts with this outcome', options: ['succeeded', 'failed'] }),
    since: Flags.string({ description: 'only attempts started in this window: 30m, 1h, 24h, 7d' }),
    limit: Flags.integer({ description: `at most this many rows (1–${MAX_LIMIT})`, default: 50, min: 1, max: MAX_LIMIT }),
  };

  async run() {
    const { flags } = await this.parse(WebhooksDeliveries);
    const since = flags.since === undefined ? undefined : parseSince(flags.since);
    return this.withInstance(async (instance) => {
      const storeId = flags.store ? (await instance.stores.show(flags.store)).store.id : undefined;
      // One more than asked tells whether there are more.
      const found = await instance.webhookOperations.attempts({
        storeId,
        endpointId: flags.endpoint,
        status: flags.status as 'succeeded' | 'failed' | undefined,
        since,
        limit: flags.limit + 1,
      });
      const deliveries = found.slice(0, flags.limit);
      const hasMore = found.length > flags.limit;
      if (!deliveries.length) this.log('No delivery attempts match.');
      else {
        this.log(deliveriesTable(deliveries));
        if (hasMore) this.log(`The ${flags.limit} newest shown; narrow with --since, --store, --endpoint or raise --limit for more.`);
      }
      return { object: 'list', data: deliveries.map(deliveryJson), has_more: hasMore };
    });
  }
}
