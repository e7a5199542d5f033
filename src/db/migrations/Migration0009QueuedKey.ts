import { SchemaMigration } from '../schema-migration.js';

export class Migration0009QueuedKey extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.alterTable('jobs', (t) => {
        t.string('queued_key', 255).nullable().unique();
      }),
    );
  }
}
