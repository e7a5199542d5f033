import { SchemaMigration } from '../schema-migration.js';

/**
 * An order's timeline is found by index lookups, one per way a row belongs to the order; a
 * WhatsApp status belongs only through its message, and message_id had no index, so that
 * lookup was a walk of the log (with the rest, ~0.6 s for an order in a store of a million
 * rows). Few rows name a message, so the index leaves the others out.
 */
export class Migration0016ActivityMessageIndex extends SchemaMigration {
  override up(): void {
    const knex = this.getKnex();
    this.schema((s) =>
      s.alterTable('activity_log', (t) => {
        t.index(['message_id'], 'activity_log_message_id_index', { predicate: knex.whereNotNull('message_id') });
      }),
    );
  }
}
