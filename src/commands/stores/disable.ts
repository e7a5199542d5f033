import { Args } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { storeJson } from '../../cli/render-store.js';

export default class StoresDisable extends BaasCommand {
  static override summary = 'Disable a store: its API keys get 403 store_disabled until it is enabled again';
  static override description = `Nothing is deleted: orders, keys and credentials stay as they are, and \`baas stores enable\` brings the store back. While disabled, every API call with one of its keys answers 403 store_disabled.`;

  static override examples = [
    { description: 'By slug', command: '<%= config.bin %> <%= command.id %> loja-da-ana' },
    { description: 'By id, for a script', command: '<%= config.bin %> <%= command.id %> sto_01jq3v6z8m4c2r9t7w5x0y1k3n --json' },
  ];

  static override args = {
    store: Args.string({ required: true, description: 'store id (sto_…) or slug' }),
  };

  async run() {
    const { args } = await this.parse(StoresDisable);
    return this.withInstance(async (instance) => {
      const store = await instance.stores.setStatus(args.store, 'disabled');
      this.log(`Disabled store "${store.name}" (${store.id}): its API keys now get 403 store_disabled.`);
      return storeJson(store);
    });
  }
}
