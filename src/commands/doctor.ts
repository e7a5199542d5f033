import { BaasCommand } from '../cli/base-command.js';
import { renderTable } from '../cli/table.js';
import { runDoctor } from '../modules/ops/doctor.js';

export default class Doctor extends BaasCommand {
  static override summary = 'Check this installation: config, data dir, disk, master key, database, migrations, job queue';
  static override description = `Read-only: it changes nothing, so it is safe against a running server. Exits 0 when every
check passes and 1 when any fails; each failure says what to do about it.`;

  static override examples = [
    { description: 'Check the installation', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'For monitoring scripts', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  async run() {
    await this.parse(Doctor);
    const checks = await runDoctor(process.env);
    const ok = checks.every((c) => c.ok);
    this.log(
      renderTable(
        ['', 'check', 'detail'],
        checks.map((c) => [c.ok ? '✓' : '✗', c.name, c.detail]),
      ),
    );
    this.log(ok ? 'All checks passed.' : `${checks.filter((c) => !c.ok).length} check(s) failed.`);
    if (!ok) process.exitCode = 1;
    return { ok, checks };
  }
}
