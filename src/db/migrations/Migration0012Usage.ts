import { SchemaMigration, timestamp } from '../schema-migration.js';

/**
 * Usage per store (issue 14): indexes that make a store's month a range read in every table it
 * is counted from, and the daily roll-ups of the two that are purged (activity_log,
 * webhook_deliveries), so past months stay countable after their rows are gone.
 */
export class Migration0012Usage extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('usage_days', (t) => {
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          timestamp(t, 'starts_at').notNullable();
          timestamp(t, 'ends_at').notNullable();
          t.integer('api_requests').notNullable();
          t.integer('webhook_deliveries_succeeded').notNullable();
          t.integer('webhook_deliveries_failed').notNullable();
          timestamp(t, 'rolled_up_at').notNullable();
          t.primary(['store_id', 'livemode', 'starts_at']);
        })
        // Covering: a count of a store's requests in a period reads only the index.
        .alterTable('activity_log', (t) => t.index(['store_id', 'kind', 'livemode', 'at']))
        .alterTable('webhook_deliveries', (t) => t.index(['store_id', 'livemode', 'started_at', 'status']))
        .alterTable('orders', (t) => t.index(['store_id', 'livemode', 'created_at']))
        .alterTable('payments', (t) => t.index(['store_id', 'livemode', 'created_at']))
        .alterTable('refunds', (t) => t.index(['store_id', 'livemode', 'created_at']))
        .alterTable('messages', (t) => {
          t.index(['store_id', 'livemode', 'created_at']);
          // What a WhatsApp notification is about, by store and mode, like payments' unique (store, mode, provider id).
          t.index(['store_id', 'livemode', 'provider_message_id']);
        }),
    );
  }
}
