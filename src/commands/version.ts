import { BaasCommand } from '../cli/base-command.js';
import { describeDatabase } from '../db/orm.js';
import { SetupError } from '../shared/errors.js';
import { VERSION } from '../shared/package-info.js';

export default class Version extends BaasCommand {
  static override summary = 'Print the version of baas, of Node.js and the kind of database configured';
  static override description = `Works with a broken configuration too (it then says so in place of the database), so it is always safe to ask. \`baas --version\` prints the short form.`;

  static override examples = [
    { description: 'For a support request', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Machine-readable', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  async run() {
    await this.parse(Version);
    const database = this.database();
    this.log(`baas ${VERSION}`);
    this.log(`node ${process.version} (${process.platform} ${process.arch})`);
    this.log(`database ${database.kind ? `${database.kind}: ${database.detail}` : database.detail}`);
    return { version: VERSION, node: process.version, platform: process.platform, arch: process.arch, database };
  }

  private database(): { kind: 'sqlite' | 'postgres' | null; detail: string } {
    try {
      const { database } = this.loadBaasConfig();
      return { kind: database.kind, detail: describeDatabase(database) };
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      return { kind: null, detail: `unknown: the configuration is invalid (${error.problems[0]}). See baas doctor` };
    }
  }
}
