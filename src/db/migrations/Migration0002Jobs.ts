import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0002Jobs extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.createTable('jobs', (t) => {
        t.string('id', 255).notNullable().primary();
        t.string('type', 64).notNullable();
        t.jsonb('payload').notNullable();
        t.string('store_id', 255).nullable();
        t.string('subject_id', 255).nullable();
        t.enum('status', ['queued', 'running', 'succeeded', 'dead']).notNullable().defaultTo('queued');
        timestamp(t, 'run_at').notNullable();
        t.integer('attempts').notNullable().defaultTo(0);
        t.integer('max_attempts').notNullable();
        t.string('lease_owner', 255).nullable();
        timestamp(t, 'lease_expires_at').nullable();
        t.text('last_error').nullable();
        t.string('dedupe_key', 255).nullable().unique();
        timestamp(t, 'created_at').notNullable();
        timestamp(t, 'updated_at').notNullable();
        timestamp(t, 'finished_at').nullable();
        t.index(['status', 'run_at']);
        t.index(['store_id', 'status']);
        t.index(['subject_id', 'status']);
      }),
    );
  }
}
