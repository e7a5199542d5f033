import { Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { renderTable } from '../cli/table.js';
import { runDoctor } from '../modules/ops/doctor.js';

export default class Doctor extends BaasCommand {
  static override summary = 'Check this installation: config, disk, master key, database, jobs, stores, webhooks, backups';
  static override description = `Read-only: it changes nothing, so it is safe against a running server. Checks the config, data dir, disk space, master key, database and migrations, the job queue, paused message channels, each store's provider credentials for the way it is used (live standards once it has a live key), the public URL (https once any store is live), failing webhook endpoints and the age of the newest backup. With --network it also logs in to every SMTP server in use and asks the WhatsApp API about every token.

Exits 0 when every check passes and 1 when any fails (✗); warnings (!) are worth reading but do not fail. Each problem says what to do about it.`;

  static override examples = [
    { description: 'Check the installation', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Also try the SMTP logins and WhatsApp tokens', command: '<%= config.bin %> <%= command.id %> --network' },
    { description: 'For monitoring scripts', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  static override flags = {
    network: Flags.boolean({
      description: 'also log in to the SMTP servers and check the WhatsApp tokens (needs the network; up to 10 s each)',
    }),
  };

  async run() {
    const { flags } = await this.parse(Doctor);
    const checks = await runDoctor(process.env, { network: flags.network });
    const ok = checks.every((c) => c.ok);
    const warnings = checks.filter((c) => c.warning).length;
    this.log(
      renderTable(
        ['', 'check', 'detail'],
        checks.map((c) => [c.ok ? (c.warning ? '!' : '✓') : '✗', c.name, c.detail]),
      ),
    );
    const noted = warnings ? `, ${warnings} warning(s)` : '';
    this.log(ok ? `All checks passed${noted}.` : `${checks.filter((c) => !c.ok).length} check(s) failed${noted}.`);
    if (!ok) process.exitCode = 1;
    return { ok, checks };
  }
}
