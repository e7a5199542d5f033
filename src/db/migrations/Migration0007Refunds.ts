import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0007Refunds extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.createTable('refunds', (t) => {
        t.string('id', 255).notNullable().primary();
        t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
        t.boolean('livemode').notNullable();
        t.string('payment_id', 255).notNullable().index();
        t.bigInteger('amount').notNullable();
        t.string('currency', 3).notNullable();
        t.enum('status', ['pending', 'succeeded', 'failed']).notNullable().defaultTo('pending');
        t.text('reason').nullable();
        t.string('provider_refund_id', 255).nullable();
        timestamp(t, 'created_at').notNullable();
        timestamp(t, 'updated_at').notNullable();
      }),
    );
  }
}
