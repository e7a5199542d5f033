import { Args, Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { issuedKeyLines, keyJson } from '../../cli/render-key.js';

export default class KeysCreate extends BaasCommand {
  static override summary = 'Issue an API key for a store; the key is printed only this once';
  static override description = `Secret keys (sk_test_… / sk_live_…) are for the storefront's server. Publishable keys (pk_test_… / pk_live_…) may only call GET /v1/public/config and are safe in a browser. Only a hash of the key is stored: copy it now, it cannot be shown again.`;

  static override examples = [
    { description: 'A test secret key', command: '<%= config.bin %> <%= command.id %> loja-da-ana' },
    {
      description: 'A live publishable key, for Bricks in the browser',
      command: '<%= config.bin %> <%= command.id %> loja-da-ana --live --publishable',
    },
    { description: 'For a script: the key is in .secret', command: '<%= config.bin %> <%= command.id %> loja-da-ana --live --json' },
  ];

  static override args = {
    store: Args.string({ required: true, description: 'store id (sto_…) or slug' }),
  };

  static override flags = {
    live: Flags.boolean({ description: 'a live-mode key (default: test mode)' }),
    publishable: Flags.boolean({ description: 'a publishable key (default: secret)' }),
  };

  async run() {
    const { args, flags } = await this.parse(KeysCreate);
    const mode = flags.live ? 'live' : 'test';
    const kind = flags.publishable ? 'publishable' : 'secret';
    return this.withInstance(async (instance) => {
      const { apiKey, secret } = await instance.keys.create(args.store, mode, kind);
      this.log(`Created a ${mode} ${kind} key (${apiKey.id}) for store ${apiKey.store.id}:`);
      for (const line of issuedKeyLines(secret)) this.log(line);
      return { ...keyJson(apiKey, instance.clock.now()), secret };
    });
  }
}
