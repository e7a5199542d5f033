import { Args } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { keyJson, keysTable } from '../../cli/render-key.js';

export default class KeysList extends BaasCommand {
  static override summary = "List a store's API keys, newest first (never the keys themselves)";
  static override description = `Shows each key's id, kind, mode, the prefix that identifies it, when it was created and last used, when it expires (after a rotation) and its status: active, expiring, expired or revoked. Last use is recorded by the running server in batches, so it may lag by a few seconds.`;

  static override examples = [
    { description: 'By slug', command: '<%= config.bin %> <%= command.id %> loja-da-ana' },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> loja-da-ana --json' },
  ];

  static override args = {
    store: Args.string({ required: true, description: 'store id (sto_…) or slug' }),
  };

  async run() {
    const { args } = await this.parse(KeysList);
    return this.withInstance(async (instance) => {
      const keys = await instance.keys.list(args.store);
      const now = instance.clock.now();
      this.log(keys.length ? keysTable(keys, now) : `No keys. Create one with \`baas keys create ${args.store}\`.`);
      return { object: 'list', data: keys.map((k) => keyJson(k, now)), has_more: false };
    });
  }
}
