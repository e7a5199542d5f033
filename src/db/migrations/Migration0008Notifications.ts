import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0008Notifications extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('provider_notifications', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.string('provider', 32).notNullable();
          t.enum('format', ['webhook', 'ipn']).notNullable();
          t.string('topic', 64).notNullable();
          t.string('action', 64).nullable();
          t.string('resource_id', 255).nullable();
          t.string('provider_request_id', 255).nullable();
          t.enum('signature', ['valid', 'unsigned']).notNullable();
          t.text('query').notNullable();
          t.text('body').notNullable();
          t.enum('status', ['received', 'processed', 'ignored', 'failed']).notNullable().defaultTo('received');
          t.text('outcome').nullable();
          timestamp(t, 'received_at').notNullable();
          timestamp(t, 'processed_at').nullable();
          t.index(['store_id', 'received_at']);
          t.index(['resource_id']);
        })
        .createTable('checkouts', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.string('order_id', 255).notNullable().index();
          t.string('provider', 32).notNullable();
          t.string('provider_preference_id', 255).notNullable();
          t.text('url').notNullable();
          timestamp(t, 'expires_at').nullable();
          timestamp(t, 'reconciled_at').nullable();
          timestamp(t, 'created_at').notNullable();
        })
        .alterTable('payments', (t) => {
          t.string('checkout_id', 255).nullable();
          timestamp(t, 'reconciled_at').nullable();
          t.index(['status', 'created_at']);
        }),
    );
  }
}
