import { Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { credentialChanges, credentialFlags, credentialsMode, liveFlag } from '../../cli/credential-flags.js';
import { issuedKeyLines, keyJson } from '../../cli/render-key.js';
import { storeJson } from '../../cli/render-store.js';
import { CURRENCIES } from '../../shared/currency.js';

export default class StoresCreate extends BaasCommand {
  static override summary = 'Create a store and print its first test secret key (shown once)';
  static override description = `Creates the store with both modes (test and live) and issues its first test-mode secret key, printed only this once. Provider credential flags are encrypted with the master key before they are stored; they set the test mode's credentials, or the live mode's with --live. A test mode without Mercado Pago, WhatsApp or SMTP credentials uses the built-in sandbox.`;

  static override examples = [
    {
      description: 'A Brazilian store on the sandbox',
      command: '<%= config.bin %> <%= command.id %> --name "Loja da Ana" --currency BRL --locale pt-BR --timezone America/Sao_Paulo',
    },
    {
      description: 'With live Mercado Pago credentials',
      command:
        '<%= config.bin %> <%= command.id %> --name "Tienda Sol" --currency ARS --locale es-AR --live --mercadopago-token APP_USR-… --mercadopago-public-key APP_USR-…',
    },
    {
      description: 'For a script: the key is in .test_key.secret',
      command: '<%= config.bin %> <%= command.id %> --name Demo --currency USD --locale en --json',
    },
  ];

  static override flags = {
    name: Flags.string({ description: 'display name (the slug is derived from it)', required: true }),
    currency: Flags.string({ description: `ISO 4217 currency: ${CURRENCIES.join(', ')}`, required: true }),
    locale: Flags.string({ description: 'es, pt-BR, en or a regional variant such as es-AR', required: true }),
    timezone: Flags.string({ description: 'IANA time zone (default UTC)' }),
    'contact-email': Flags.string({ description: "the store's contact e-mail address" }),
    live: liveFlag,
    ...credentialFlags,
  };

  async run() {
    const { flags } = await this.parse(StoresCreate);
    const credentials = credentialChanges(flags);
    const mode = credentialsMode(flags.live, credentials);
    return this.withInstance(async (instance) => {
      const { store, testKey } = await instance.stores.create({
        name: flags.name,
        currency: flags.currency,
        locale: flags.locale,
        timezone: flags.timezone,
        contactEmail: flags['contact-email'],
        credentials,
        credentialsMode: mode,
      });
      const view = await instance.stores.show(store.id);
      this.log(`Created store "${store.name}" (${store.id}, slug ${store.slug}).`);
      this.log(`Its test secret key (${testKey.apiKey.id}), shown only this once:`);
      for (const line of issuedKeyLines(testKey.secret)) this.log(line);
      return {
        ...storeJson(view.store, view.credentials),
        test_key: { ...keyJson(testKey.apiKey, instance.clock.now()), secret: testKey.secret },
      };
    });
  }
}
