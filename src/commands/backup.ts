import { Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { createBackup } from '../modules/ops/backup/create-backup.js';
import { formatBytes } from '../modules/ops/backup/format-bytes.js';

export default class Backup extends BaasCommand {
  static override summary = 'Back up the database, the master key and the config file into one .tar.gz with a SHA-256 checksum';
  static override description = `Safe while the server runs. SQLite is copied with VACUUM INTO (one consistent snapshot, never a copy of the live file and its WAL); PostgreSQL is dumped with pg_dump, which must be installed. The archive, baas-backup-<UTC time>.tar.gz, holds manifest.json (what is inside, with a SHA-256 of each file), the database, the master key and the file named by BAAS_CONFIG; FILE.sha256 beside it (sha256sum's format) checks it without baas. Nothing is ever overwritten.

THE ARCHIVE CONTAINS THE MASTER KEY by default, because the stores' provider credentials cannot be read back without it: whoever holds the archive holds the credentials, so it is written with mode 0600 and should be kept as privately as the key. With --no-master-key it records only the key's fingerprint, and restoring it needs that key put back by other means. A key set with BAAS_MASTER_KEY is never in the archive: keep it with your secrets.

Copy the archives off this machine: a backup on the same disk does not survive the disk.`;

  static override examples = [
    { description: 'Into <data dir>/backups', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Somewhere else, e.g. a mounted backup disk', command: '<%= config.bin %> <%= command.id %> --to /mnt/backups/baas' },
    {
      description: 'Without the master key (keep the key elsewhere)',
      command: '<%= config.bin %> <%= command.id %> --no-master-key',
    },
    { description: 'For a cron job or script: the archive is in .file', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  static override flags = {
    to: Flags.string({ description: 'directory for the archive (created 0700 when missing; default: <data dir>/backups)' }),
    'master-key': Flags.boolean({
      description: 'put the master key in the archive (--no-master-key: only its fingerprint)',
      default: true,
      allowNo: true,
    }),
  };

  async run() {
    const { flags } = await this.parse(Backup);
    const config = this.loadBaasConfig();
    const backup = await createBackup(config, { to: flags.to, includeMasterKey: flags['master-key'], progress: (line) => this.log(line) });
    const { manifest } = backup;
    this.log(`Wrote ${backup.file} (${formatBytes(backup.bytes)})`);
    this.log(`  sha256 ${backup.sha256}, also in ${backup.checksumFile}`);
    for (const { source } of manifest.config_files) this.log(`  with the config file ${source}`);
    const key = manifest.master_key;
    if (key.included) {
      this.log(
        `⚠ The archive CONTAINS THE MASTER KEY: whoever has it can read every store's provider credentials. Keep it as private as ${key.source}.`,
      );
    } else if (key.fingerprint) {
      this.log(
        `⚠ The master key is NOT in the archive (${key.source}, fingerprint ${key.fingerprint.slice(0, 16)}…): without it the stores' provider credentials cannot be read back. Keep it safe elsewhere.`,
      );
    }
    return {
      file: backup.file,
      checksum_file: backup.checksumFile,
      sha256: backup.sha256,
      bytes: backup.bytes,
      created_at: manifest.created_at,
      database: { kind: manifest.database.kind, source: manifest.database.source },
      master_key: key,
      config_files: manifest.config_files,
    };
  }
}
