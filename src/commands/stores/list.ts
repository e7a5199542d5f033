import { BaasCommand } from '../../cli/base-command.js';
import { storeJson, storesTable } from '../../cli/render-store.js';

export default class StoresList extends BaasCommand {
  static override summary = 'List the stores, newest first';
  static override description = `One row per store: id, slug, name, currency, locale, status and when it was created. Use \`baas stores show ID\` for a store's settings and (masked) provider credentials.`;

  static override examples = [
    { description: 'All stores', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  async run() {
    await this.parse(StoresList);
    return this.withInstance(async (instance) => {
      const stores = await instance.stores.list();
      this.log(stores.length ? storesTable(stores) : 'No stores yet. Create one with `baas stores create`.');
      return { object: 'list', data: stores.map((s) => storeJson(s)), has_more: false };
    });
  }
}
