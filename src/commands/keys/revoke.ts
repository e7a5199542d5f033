import { Args } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { cellDate } from '../../cli/render-store.js';
import { keyJson } from '../../cli/render-key.js';

export default class KeysRevoke extends BaasCommand {
  static override summary = 'Revoke an API key at once';
  static override description = `From now on the key answers 401 on every call. This cannot be undone; to replace a key without downtime use \`baas keys rotate\` instead. Revoking a revoked key changes nothing.`;

  static override examples = [
    { description: 'Revoke a leaked key', command: '<%= config.bin %> <%= command.id %> key_01jq3v6z8m4c2r9t7w5x0y1k3n' },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> key_01jq3v6z8m4c2r9t7w5x0y1k3n --json' },
  ];

  static override args = {
    key: Args.string({ required: true, description: 'key id (key_…, as `baas keys list` shows it)' }),
  };

  async run() {
    const { args } = await this.parse(KeysRevoke);
    return this.withInstance(async (instance) => {
      const key = await instance.keys.revoke(args.key);
      this.log(`Revoked ${key.prefix} (${key.id}) at ${cellDate(key.revokedAt)}: it no longer authenticates.`);
      return keyJson(key, instance.clock.now());
    });
  }
}
