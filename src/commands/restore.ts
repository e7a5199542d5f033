import { Args, Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { restoreBackup } from '../modules/ops/backup/restore-backup.js';

export default class Restore extends BaasCommand {
  static override summary = 'Restore a backup made by baas backup, after verifying it, into a stopped instance';
  static override description = `Checks everything before it writes anything: the archive against FILE.sha256 beside it (when there is one), every file against the manifest's SHA-256 sums, the database with PRAGMA integrity_check, that this baas is not older than the one that made it, and that the master key in use afterwards is the one the stores' credentials were sealed with.

It refuses to run under a live server: when any process has the database open (read from /proc, so run it as root or as the service's user) or a baas server answers /healthz at the configured host and port, stop the server first. It refuses to replace an existing database or a different master key without --force; with it, the files replaced are renamed <name>.before-restore-<time>, never deleted. The config file in the archive is not written: extract it by hand on a new machine.

SQLite only: a PostgreSQL archive holds a pg_dump file to restore with pg_restore.`;

  static override examples = [
    {
      description: 'Restore the configured instance (stop the server first)',
      command: '<%= config.bin %> <%= command.id %> /var/lib/baas/backups/baas-backup-20261101T031500Z.tar.gz --force',
    },
    {
      description: 'Into another data dir, e.g. to inspect a backup',
      command: '<%= config.bin %> <%= command.id %> FILE --data-dir /tmp/baas-check',
    },
  ];

  static override args = {
    file: Args.string({ required: true, description: 'the .tar.gz written by baas backup' }),
  };

  static override flags = {
    'data-dir': Flags.string({
      description: "restore into this data dir (its baas.sqlite and master.key) instead of the configured one's",
    }),
    force: Flags.boolean({ description: 'replace an existing database and master key (they are kept aside, renamed)' }),
  };

  async run() {
    const { args, flags } = await this.parse(Restore);
    const restored = await restoreBackup({
      file: args.file,
      dataDir: flags['data-dir'],
      force: flags.force,
      env: process.env,
      progress: (line) => this.log(line),
    });
    const { manifest } = restored;
    this.log(`Restored ${restored.database} from the backup of ${manifest.created_at} (master key: ${restored.masterKey}).`);
    for (const aside of restored.movedAside) this.log(`  kept the previous ${aside}`);
    for (const { file, source } of manifest.config_files) {
      this.log(`  not written: ${file} (was ${source}); on a new machine: tar -xzf ${args.file} ${file}`);
    }
    const migrations = restored.pendingMigrations ? `; it applies ${restored.pendingMigrations} migration(s) the backup predates` : '';
    this.log(`Next: start baas (sudo systemctl start baas, or baas start)${migrations}.`);
    return {
      database: restored.database,
      master_key: restored.masterKey,
      moved_aside: restored.movedAside,
      pending_migrations: restored.pendingMigrations,
      backup: { created_at: manifest.created_at, baas_version: manifest.baas_version, config_files: manifest.config_files },
    };
  }
}
