import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0003Credentials extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('store_credentials', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.enum('mode', ['test', 'live']).notNullable();
          t.string('name', 64).notNullable();
          t.text('ciphertext').notNullable();
          t.string('key_version', 16).notNullable();
          t.text('masked').notNullable();
          timestamp(t, 'updated_at').notNullable();
          t.unique(['store_id', 'mode', 'name']);
        })
        .createTable('idempotency_keys', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.enum('mode', ['test', 'live']).notNullable();
          t.string('key', 255).notNullable();
          t.string('request_hash', 64).notNullable();
          t.enum('state', ['in_flight', 'done']).notNullable();
          t.integer('response_status').nullable();
          t.text('response_body').nullable();
          timestamp(t, 'locked_until').nullable();
          timestamp(t, 'created_at').notNullable();
          timestamp(t, 'expires_at').notNullable();
          t.unique(['store_id', 'mode', 'key']);
          t.index(['expires_at']);
        }),
    );
  }
}
