import { SchemaMigration, timestamp } from '../schema-migration.js';

/** Scale out (issue 11): the last tick of each periodic task and the instance that ran it. */
export class Migration0013CronTicks extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.createTable('cron_ticks', (t) => {
        t.string('task', 64).notNullable().primary();
        timestamp(t, 'tick').notNullable();
        t.string('instance', 255).notNullable();
      }),
    );
  }
}
