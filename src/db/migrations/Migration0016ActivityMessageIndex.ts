import { SchemaMigration } from '../schema-migration.js';

/**
 * An order's timeline also asks for the rows of its messages, and a WhatsApp status knows only
 * its message. With no index on message_id, that one branch of the timeline's OR made SQLite
 * give up on looking each id up and walk all of the store's rows instead: ~0.6 s for an order
 * in a store with a million rows. Few rows name a message, so the index skips the rest.
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
