import { Args } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { cellDate } from '../../cli/render-store.js';
import { renderTable } from '../../cli/table.js';
import { endpointJson } from '../../modules/webhooks/webhook-endpoint.json.js';

export default class WebhooksEndpoints extends BaasCommand {
  static override summary = "List a store's webhook endpoints with their health";
  static override description = `One row per endpoint, test and live, newest first: its URL, whether it is enabled (or why it was disabled), the last successful delivery, since when every attempt has failed (five days of only failures disables it) and how many deliveries are queued or running for it now.`;

  static override examples = [
    { description: 'By slug', command: '<%= config.bin %> <%= command.id %> loja-da-ana' },
    { description: 'For a script or a monitor', command: '<%= config.bin %> <%= command.id %> sto_01jq3v6z8m4c2r9t7w5x0y1k3n --json' },
  ];

  static override args = {
    store: Args.string({ required: true, description: 'store id (sto_…) or slug' }),
  };

  async run() {
    const { args } = await this.parse(WebhooksEndpoints);
    return this.withInstance(async (instance) => {
      const health = await instance.webhookOperations.endpointsOf(args.store);
      this.log(
        health.length
          ? renderTable(
              ['id', 'mode', 'url', 'status', 'last success', 'failing since', 'pending'],
              health.map(({ endpoint, pending }) => [
                endpoint.id,
                endpoint.livemode ? 'live' : 'test',
                endpoint.url,
                endpoint.disabledReason ? `${endpoint.status} (${endpoint.disabledReason})` : endpoint.status,
                cellDate(endpoint.lastSuccessAt),
                cellDate(endpoint.failingSince),
                pending,
              ]),
            )
          : `No webhook endpoints for ${args.store}. The storefront registers them with POST /v1/webhook_endpoints.`,
      );
      return { object: 'list', data: health.map(({ endpoint, pending }) => ({ ...endpointJson(endpoint), pending })), has_more: false };
    });
  }
}
