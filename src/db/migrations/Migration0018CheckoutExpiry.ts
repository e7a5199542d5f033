import { SchemaMigration } from '../schema-migration.js';

/**
 * Reconciliation looks for unpaid checkouts every five minutes, only those not expired more
 * than a day ago. Without an index on expires_at it read every checkout ever made, on the
 * writer, to find the few still open; every checkout expires within 90 days (a day by
 * default), so the index leaves it the recent ones.
 */
export class Migration0018CheckoutExpiry extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.alterTable('checkouts', (t) => {
        t.index(['expires_at']);
      }),
    );
  }
}
