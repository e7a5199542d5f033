import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0001Init extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('stores', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('name', 255).notNullable();
          t.string('slug', 255).notNullable().unique();
          t.string('currency', 3).notNullable();
          t.string('locale', 16).notNullable();
          t.string('timezone', 64).notNullable();
          t.string('contact_email', 255).nullable();
          t.enum('status', ['active', 'disabled']).notNullable().defaultTo('active');
          t.boolean('notify_email').notNullable().defaultTo(true);
          t.boolean('notify_whatsapp').notNullable().defaultTo(false);
          timestamp(t, 'created_at').notNullable();
          timestamp(t, 'updated_at').notNullable();
        })
        .createTable('api_keys', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.enum('mode', ['test', 'live']).notNullable();
          t.enum('kind', ['secret', 'publishable']).notNullable();
          t.string('hash', 64).notNullable().unique();
          t.string('prefix', 32).notNullable();
          timestamp(t, 'created_at').notNullable();
          timestamp(t, 'last_used_at').nullable();
          timestamp(t, 'expires_at').nullable();
          timestamp(t, 'revoked_at').nullable();
          t.index(['store_id']);
        }),
    );
  }
}
