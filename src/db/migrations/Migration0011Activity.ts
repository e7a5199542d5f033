import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0011Activity extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.createTable('activity_log', (t) => {
        t.string('id', 255).notNullable().primary();
        timestamp(t, 'at').notNullable();
        t.enum('level', ['debug', 'info', 'warn', 'error']).notNullable();
        t.string('kind', 32).notNullable();
        t.text('summary').notNullable();
        t.string('store_id', 255).nullable();
        t.boolean('livemode').nullable();
        t.string('request_id', 255).nullable();
        t.string('order_id', 255).nullable();
        t.string('payment_id', 255).nullable();
        t.string('message_id', 255).nullable();
        t.string('event_id', 255).nullable();
        t.string('job_id', 255).nullable();
        t.string('provider_ref', 255).nullable();
        t.integer('duration_ms').nullable();
        t.string('outcome', 64).nullable();
        t.jsonb('detail').nullable();
        t.index(['order_id']);
        t.index(['payment_id']);
        t.index(['provider_ref']);
        t.index(['request_id']);
        t.index(['store_id', 'id']);
        t.index(['at']);
      }),
    );
  }
}
