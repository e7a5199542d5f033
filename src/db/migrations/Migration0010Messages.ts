import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0010Messages extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('messages', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.enum('channel', ['email', 'whatsapp']).notNullable();
          t.string('to_address', 255).notNullable();
          t.string('template', 64).notNullable();
          t.string('locale', 16).notNullable();
          t.enum('status', ['queued', 'sent', 'delivered', 'read', 'failed']).notNullable().defaultTo('queued');
          t.string('order_id', 255).nullable();
          t.jsonb('content').notNullable();
          t.integer('attempts').notNullable().defaultTo(0);
          t.string('provider_message_id', 255).nullable();
          t.string('recipient_id', 255).nullable();
          t.text('provider_response').nullable();
          t.string('error_code', 64).nullable();
          t.text('error_message').nullable();
          t.string('automatic_key', 255).nullable().unique();
          timestamp(t, 'sent_at').nullable();
          timestamp(t, 'delivered_at').nullable();
          timestamp(t, 'read_at').nullable();
          timestamp(t, 'failed_at').nullable();
          t.integer('version').notNullable().defaultTo(1);
          timestamp(t, 'created_at').notNullable();
          timestamp(t, 'updated_at').notNullable();
          t.index(['store_id', 'livemode', 'order_id']);
          t.index(['store_id', 'livemode', 'status']);
          t.index(['provider_message_id']);
        })
        .createTable('channel_pauses', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.enum('channel', ['email', 'whatsapp']).notNullable();
          t.string('code', 64).notNullable();
          t.text('message').notNullable();
          timestamp(t, 'paused_at').notNullable();
          timestamp(t, 'probe_at').notNullable();
          t.unique(['store_id', 'livemode', 'channel']);
        }),
    );
  }
}
