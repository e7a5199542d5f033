import { SchemaMigration, timestamp } from '../schema-migration.js';

export class Migration0006Payments extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('payments', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('store_id', 255).notNullable().references('stores.id').onUpdate('cascade');
          t.boolean('livemode').notNullable();
          t.string('order_id', 255).notNullable().index();
          t.enum('status', [
            'pending',
            'in_process',
            'authorized',
            'approved',
            'rejected',
            'cancelled',
            'refunded',
            'partially_refunded',
            'in_mediation',
            'charged_back',
          ])
            .notNullable()
            .defaultTo('pending');
          t.bigInteger('amount').notNullable();
          t.bigInteger('amount_refunded').notNullable().defaultTo(0);
          t.string('currency', 3).notNullable();
          t.enum('method', ['card', 'pix', 'ticket', 'other']).notNullable();
          t.integer('installments').nullable();
          t.string('provider', 32).notNullable();
          t.string('provider_payment_id', 255).nullable();
          t.string('provider_status', 255).nullable();
          t.string('provider_status_detail', 255).nullable();
          timestamp(t, 'provider_updated_at').nullable();
          t.jsonb('pix').nullable();
          t.integer('version').notNullable().defaultTo(1);
          timestamp(t, 'created_at').notNullable();
          timestamp(t, 'updated_at').notNullable();
          t.unique(['store_id', 'livemode', 'provider_payment_id']);
        })
        .createTable('payment_transitions', (t) => {
          t.string('id', 255).notNullable().primary();
          t.string('payment_id', 255).notNullable().index();
          t.string('from', 32).notNullable();
          t.string('to', 32).notNullable();
          t.boolean('applied').notNullable();
          t.string('reason', 255).nullable();
          t.enum('cause', ['api', 'notification', 'reconciliation', 'sync']).notNullable();
          t.string('cause_id', 255).nullable();
          timestamp(t, 'created_at').notNullable();
        }),
    );
  }
}
