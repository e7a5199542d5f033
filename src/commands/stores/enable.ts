import { Args } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { storeJson } from '../../cli/render-store.js';

export default class StoresEnable extends BaasCommand {
  static override summary = 'Enable a disabled store: its API keys work again';
  static override description = `Undoes \`baas stores disable\`. Keys that were revoked or expired meanwhile stay so. Enabling an active store changes nothing.`;

  static override examples = [
    { description: 'By slug', command: '<%= config.bin %> <%= command.id %> loja-da-ana' },
    { description: 'By id, for a script', command: '<%= config.bin %> <%= command.id %> sto_01jq3v6z8m4c2r9t7w5x0y1k3n --json' },
  ];

  static override args = {
    store: Args.string({ required: true, description: 'store id (sto_…) or slug' }),
  };

  async run() {
    const { args } = await this.parse(StoresEnable);
    return this.withInstance(async (instance) => {
      const store = await instance.stores.setStatus(args.store, 'active');
      this.log(`Enabled store "${store.name}" (${store.id}): its API keys work again.`);
      return storeJson(store);
    });
  }
}
