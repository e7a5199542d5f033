import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0004Orders extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('orders', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.enum('status', ['pending', 'paid', 'partially_refunded', 'refunded', 'cancelled', 'disputed'])
            .notNullable()
            .defaultTo('pending');
          t.string('external_id', 255).nullable();
          t.string('currency', 3).notNullable();
          t.jsonb('items').notNullable();
          t.bigInteger('amount_subtotal').notNullable();
          t.bigInteger('shipping_amount').notNullable();
          t.bigInteger('amount_total').notNullable();
          t.bigInteger('amount_paid').notNullable().defaultTo(0);
          t.bigInteger('amount_refunded').notNullable().defaultTo(0);
          t.jsonb('customer').notNullable();
          t.string('customer_email', 255).nullable();
          t.jsonb('notify').notNullable();
          t.jsonb('metadata').notNullable();
          timestamp(t, 'created_at').notNullable();
          timestamp(t, 'updated_at').notNullable();
          t.unique(['store_id', 'livemode', 'external_id']);
          t.index(['store_id', 'livemode', 'status']);
          t.index(['store_id', 'livemode', 'customer_email']);
        })
        .createTable('events', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.string('type', 64).notNullable();
          t.jsonb('data').notNullable();
          t.string('request_id', 255).nullable();
          t.string('order_id', 255).nullable().index();
          t.string('payment_id', 255).nullable().index();
          timestamp(t, 'created_at').notNullable();
          t.index(['store_id', 'livemode', 'type']);
        }),
    );
  }
}
