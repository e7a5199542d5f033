import { SchemaMigration, timestamp } from '../schema-migration.js';

/**
 * When reconciliation looks next at an unsettled payment or an unpaid checkout. It used to
 * look again at whatever it had not looked at for 10 minutes, oldest first and 50 a run:
 * with more than 100 such candidates the oldest took every run and the newest, where a lost
 * notification matters most, were never read; and an abandoned Checkout Pro link was searched
 * every 15 minutes until a day after it expired. Null: not looked at yet.
 */
export class Migration0020ReconcileAfter extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .alterTable('payments', (t) => {
          timestamp(t, 'reconcile_after').nullable();
        })
        .alterTable('checkouts', (t) => {
          timestamp(t, 'reconcile_after').nullable();
        }),
    );
  }
}
