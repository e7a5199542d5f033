import { Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { parseDuration } from '../../cli/duration-flag.js';
import { pruneEvents } from '../../modules/events/event-prune.js';

export default class EventsPrune extends BaasCommand {
  static override summary = 'Delete events older than a given age (events are otherwise kept forever)';
  static override description = `Events are the record of what happened to orders and payments, and what webhooks redeliver,
so baas never deletes them by itself. Use this to keep the database lean once events are no
longer needed (e.g. after a year). Deleted events can no longer be listed or redelivered.
Delivery attempts are purged separately, nightly, after BAAS_WEBHOOK_ATTEMPT_RETENTION_DAYS.`;

  static override examples = [
    {
      description: 'See how many events are older than a year',
      command: '<%= config.bin %> <%= command.id %> --older-than 365d --dry-run',
    },
    {
      description: "Delete one store's events older than 180 days",
      command: '<%= config.bin %> <%= command.id %> --older-than 180d --store loja-da-ana',
    },
  ];

  static override flags = {
    'older-than': Flags.string({ description: 'age of the events to delete: 90d, 365d…', required: true }),
    store: Flags.string({ description: 'only this store (id or slug)' }),
    'dry-run': Flags.boolean({ description: 'count, delete nothing', default: false }),
  };

  async run() {
    const { flags } = await this.parse(EventsPrune);
    const age = parseDuration(flags['older-than'], { flag: 'older-than', max: '3650d' });
    return this.withInstance(async (instance) => {
      const before = new Date(instance.clock.now().getTime() - age);
      const storeId = flags.store ? (await instance.stores.find(flags.store)).id : undefined;
      const count = await pruneEvents(instance.orm, { before, storeId }, flags['dry-run']);
      this.log(
        flags['dry-run']
          ? `${count} event(s) created before ${before.toISOString()} would be deleted.`
          : `Deleted ${count} event(s) created before ${before.toISOString()}.`,
      );
      return {
        dry_run: flags['dry-run'],
        before: before.toISOString(),
        store_id: storeId ?? null,
        [flags['dry-run'] ? 'matched' : 'deleted']: count,
      };
    });
  }
}
