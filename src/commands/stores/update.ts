import { Args, Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { CREDENTIAL_FLAG_LIST, credentialChanges, credentialFlags, credentialsMode, liveFlag } from '../../cli/credential-flags.js';
import { storeDetails, storeJson } from '../../cli/render-store.js';
import { CURRENCIES } from '../../shared/currency.js';
import { invalidRequest } from '../../shared/errors.js';

export default class StoresUpdate extends BaasCommand {
  static override summary = "Change a store's settings or provider credentials";
  static override description = `Only what you pass changes. A credential flag sets that credential in the test mode, or in the live mode with --live; an empty value ("") removes it. Values are encrypted before they are stored and shown masked afterwards.`;

  static override examples = [
    { description: 'Change the currency', command: '<%= config.bin %> <%= command.id %> loja-da-ana --currency USD' },
    {
      description: 'Set the live Mercado Pago token',
      command: '<%= config.bin %> <%= command.id %> loja-da-ana --live --mercadopago-token APP_USR-…',
    },
    { description: 'Remove the test SMTP URL', command: '<%= config.bin %> <%= command.id %> loja-da-ana --smtp-url ""' },
    {
      description: 'Stop WhatsApp notifications by default',
      command: '<%= config.bin %> <%= command.id %> loja-da-ana --no-notify-whatsapp',
    },
  ];

  static override args = {
    store: Args.string({ required: true, description: 'store id (sto_…) or slug' }),
  };

  static override flags = {
    name: Flags.string({ description: 'display name (the slug stays the same)' }),
    currency: Flags.string({ description: `ISO 4217 currency: ${CURRENCIES.join(', ')}` }),
    locale: Flags.string({ description: 'es, pt-BR, en or a regional variant such as es-AR' }),
    timezone: Flags.string({ description: 'IANA time zone, e.g. America/Sao_Paulo' }),
    'contact-email': Flags.string({ description: 'contact e-mail address; "" removes it' }),
    'notify-email': Flags.boolean({ description: 'notify customers by e-mail unless an order says otherwise', allowNo: true }),
    'notify-whatsapp': Flags.boolean({ description: 'notify customers by WhatsApp unless an order says otherwise', allowNo: true }),
    live: liveFlag,
    ...credentialFlags,
  };

  async run() {
    const { args, flags } = await this.parse(StoresUpdate);
    const credentials = credentialChanges(flags);
    const mode = credentialsMode(flags.live, credentials);
    const contactEmail = flags['contact-email'];
    const fields = {
      name: flags.name,
      currency: flags.currency,
      locale: flags.locale,
      timezone: flags.timezone,
      contactEmail: contactEmail === undefined ? undefined : contactEmail.trim() === '' ? null : contactEmail,
      notifyEmail: flags['notify-email'],
      notifyWhatsapp: flags['notify-whatsapp'],
    };
    if (!credentials && Object.values(fields).every((value) => value === undefined)) {
      throw invalidRequest(
        'parameter_missing',
        `Nothing to update: give at least one of --name, --currency, --locale, --timezone, --contact-email, --[no-]notify-email, --[no-]notify-whatsapp or a credential flag (${CREDENTIAL_FLAG_LIST.slice(0, 2).join(', ')}, …).`,
      );
    }
    return this.withInstance(async (instance) => {
      const { store, credentials: masked } = await instance.stores.update(args.store, { ...fields, credentials, credentialsMode: mode });
      this.log(`Updated store "${store.name}" (${store.id}).\n`);
      // New credentials are the fix a paused e-mail or WhatsApp channel waits for: its messages go now.
      const resumed = credentials ? await instance.channelPauses.resumeStore(store.id) : 0;
      if (resumed) this.log(`Resumed ${resumed} paused message channel(s); their waiting messages are sent within seconds.\n`);
      this.log(storeDetails(store, masked));
      return storeJson(store, masked);
    });
  }
}
