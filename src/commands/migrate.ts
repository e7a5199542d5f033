import { Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { renderTable } from '../cli/table.js';
import { migrateUp, migrationStatus } from '../db/migrate.js';
import { describeDatabase, openOrm } from '../db/orm.js';

export default class Migrate extends BaasCommand {
  static override summary = 'Apply pending database migrations, or list them with --status';
  static override description = `Migrations also run automatically when the server starts; run this before an upgrade's
first start to see or apply schema changes on their own. All pending migrations apply in one
transaction: either all of them or none.`;

  static override examples = [
    { description: 'Apply everything pending', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Show which migrations are applied', command: '<%= config.bin %> <%= command.id %> --status' },
    { description: 'The same, for a script', command: '<%= config.bin %> <%= command.id %> --status --json' },
  ];

  static override flags = {
    status: Flags.boolean({ description: 'list migrations and whether each is applied; change nothing' }),
  };

  async run() {
    const { flags } = await this.parse(Migrate);
    const config = this.loadBaasConfig();
    const orm = await openOrm(config.database);
    try {
      if (flags.status) {
        const migrations = await migrationStatus(orm);
        this.log(`${describeDatabase(config.database)}`);
        this.log(
          renderTable(
            ['migration', 'applied'],
            migrations.map((m) => [m.name, m.applied ? `✓ ${m.appliedAt?.toISOString() ?? ''}` : '✗ pending']),
          ),
        );
        return {
          database: config.database.kind,
          migrations: migrations.map((m) => ({ name: m.name, applied: m.applied, applied_at: m.appliedAt?.toISOString() ?? null })),
        };
      }
      const applied = await migrateUp(orm);
      this.log(
        applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Nothing to apply: the schema is current.',
      );
      return { database: config.database.kind, applied };
    } finally {
      await orm.close(true);
    }
  }
}
