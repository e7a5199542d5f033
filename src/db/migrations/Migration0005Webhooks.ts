import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0005Webhooks extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('webhook_endpoints', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.text('url').notNullable();
          t.text('description').nullable();
          t.jsonb('enabled_events').notNullable();
          t.enum('status', ['enabled', 'disabled']).notNullable().defaultTo('enabled');
          t.string('disabled_reason', 255).nullable();
          t.text('secret_ciphertext').notNullable();
          t.string('secret_key_version', 16).notNullable();
          t.text('previous_secret_ciphertext').nullable();
          t.string('previous_secret_key_version', 16).nullable();
          timestamp(t, 'previous_secret_expires_at').nullable();
          timestamp(t, 'last_success_at').nullable();
          timestamp(t, 'failing_since').nullable();
          timestamp(t, 'created_at').notNullable();
          timestamp(t, 'updated_at').notNullable();
          t.index(['store_id', 'livemode', 'status']);
        })
        .createTable('webhook_deliveries', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.string('endpoint_id', 255).notNullable();
          t.string('event_id', 255).notNullable().index();
          t.integer('attempt').notNullable();
          t.enum('trigger', ['scheduled', 'manual', 'replay']).notNullable();
          t.enum('status', ['succeeded', 'failed']).notNullable();
          t.integer('status_code').nullable();
          t.integer('duration_ms').notNullable();
          t.text('response_excerpt').nullable();
          t.string('error_class', 255).nullable();
          t.text('error').nullable();
          timestamp(t, 'next_attempt_at').nullable();
          timestamp(t, 'started_at').notNullable();
          t.index(['endpoint_id', 'id']);
          t.index(['store_id', 'livemode', 'status']);
        }),
    );
  }
}
