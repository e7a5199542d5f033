import { SchemaMigration } from '../schema-migration.js';

/**
 * Lists answer a store's newest rows in one mode, by id, optionally of one status, type, order…
 * No index ended in id, so every list read all of the store's rows in that mode (or all of one
 * status) and sorted them to answer 20: a store's first page of orders cost as much as its
 * history. Each list and filter now walks an index in id order and stops at the page. Where
 * an index of the same columns without id existed, it is widened rather than kept beside.
 */
export class Migration0017ListIndexes extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .alterTable('orders', (t) => {
          t.index(['store_id', 'livemode', 'id']);
          t.dropIndex(['store_id', 'livemode', 'status']);
          t.index(['store_id', 'livemode', 'status', 'id']);
          t.dropIndex(['store_id', 'livemode', 'customer_email']);
          t.index(['store_id', 'livemode', 'customer_email', 'id']);
        })
        .alterTable('payments', (t) => {
          t.index(['store_id', 'livemode', 'id']);
          t.index(['store_id', 'livemode', 'order_id', 'id']);
        })
        .alterTable('events', (t) => {
          t.index(['store_id', 'livemode', 'id']);
          t.dropIndex(['store_id', 'livemode', 'type']);
          t.index(['store_id', 'livemode', 'type', 'id']);
          t.dropIndex(['order_id']);
          t.index(['store_id', 'livemode', 'order_id', 'id']);
          t.dropIndex(['payment_id']);
          t.index(['store_id', 'livemode', 'payment_id', 'id']);
        })
        .alterTable('messages', (t) => {
          t.index(['store_id', 'livemode', 'id']);
          t.dropIndex(['store_id', 'livemode', 'order_id']);
          t.index(['store_id', 'livemode', 'order_id', 'id']);
          t.dropIndex(['store_id', 'livemode', 'status']);
          t.index(['store_id', 'livemode', 'status', 'id']);
        }),
    );
  }
}
