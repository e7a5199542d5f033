import { Args } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { storeDetails, storeJson } from '../../cli/render-store.js';

export default class StoresShow extends BaasCommand {
  static override summary = "Show a store's settings and its provider credentials, masked";
  static override description = `Secret credentials are shown as their head and last four characters (APP_USR-…a1b2), SMTP URLs without their password; other values in full. Nothing is decrypted to show them.`;

  static override examples = [
    { description: 'By id', command: '<%= config.bin %> <%= command.id %> sto_01jq3v6z8m4c2r9t7w5x0y1k3n' },
    { description: 'By slug', command: '<%= config.bin %> <%= command.id %> loja-da-ana' },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> loja-da-ana --json' },
  ];

  static override args = {
    store: Args.string({ required: true, description: 'store id (sto_…) or slug' }),
  };

  async run() {
    const { args } = await this.parse(StoresShow);
    return this.withInstance(async (instance) => {
      const { store, credentials } = await instance.stores.show(args.store);
      this.log(storeDetails(store, credentials));
      return storeJson(store, credentials);
    });
  }
}
