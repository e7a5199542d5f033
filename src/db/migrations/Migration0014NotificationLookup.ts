import { SchemaMigration } from '../schema-migration.js';

/**
 * A processed notification job settles every notification still `received` about its payment.
 * With only (store_id, received_at) and (resource_id) to choose from, SQLite walked all of the
 * store's notifications received so far for each job; this index finds just the payment's.
 */
export class Migration0014NotificationLookup extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.alterTable('provider_notifications', (t) => {
        t.index(['store_id', 'resource_id', 'status', 'received_at']);
      }),
    );
  }
}
