import { SchemaMigration } from '../schema-migration.js';

/**
 * Every lookup of notifications by resource also names the store, which the (store_id,
 * resource_id, status, received_at) index of migration 14 serves. The resource_id index alone
 * served none, and every notification received paid for keeping it.
 */
export class Migration0015NotificationResourceIndex extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.alterTable('provider_notifications', (t) => {
        t.dropIndex(['resource_id']);
      }),
    );
  }
}
