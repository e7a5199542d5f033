import { SchemaMigration } from '../schema-migration.js';

/**
 * `baas logs --store` reads a store's newest rows by time. (store_id, id) could not give them
 * in time order, so SQLite walked the whole log's `at` index back until it had met enough of
 * that store's rows: ~0.3 s for a quiet store beside one with a million. (store_id, at) gives
 * them directly, and replaces (store_id, id), which no query needs (an id is the primary key),
 * so every row written still pays for as many indexes.
 */
export class Migration0019ActivityStoreTime extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.alterTable('activity_log', (t) => {
        t.dropIndex(['store_id', 'id']);
        t.index(['store_id', 'at']);
      }),
    );
  }
}
