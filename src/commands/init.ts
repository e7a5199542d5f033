import { resolve } from 'node:path';
import { confirm, input, select } from '@inquirer/prompts';
import { Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { loadConfig } from '../config/load.js';
import { checkAnswer, writeConfigFile, type InitAnswers } from '../modules/ops/init-config.js';
import { openInstance } from '../runtime/instance.js';
import { CURRENCIES } from '../shared/currency.js';
import { EXIT, SetupError } from '../shared/errors.js';

const LOCALES = ['es', 'pt-BR', 'en'];

export default class Init extends BaasCommand {
  static override summary = 'First-time setup: write a config file, create the database and the first store';
  static override description = `Asks for the data dir, database, public URL and SMTP, writes them to a config file (never
replacing one without --force), applies the migrations and creates your first store, printing
its test secret key once. For scripts, pass --yes with the flags; anything not given keeps its
default. Point baas at the file with BAAS_CONFIG (the command prints the line to use).`;

  static override examples = [
    { description: 'Interactive set-up', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Unattended, e.g. from an installer',
      command:
        '<%= config.bin %> <%= command.id %> --yes --output /etc/baas/config.json --data-dir /var/lib/baas --public-url https://baas.agency.example --store-name "Loja da Ana" --currency BRL --locale pt-BR',
    },
  ];

  static override flags = {
    yes: Flags.boolean({ char: 'y', description: 'do not ask; use the flags and defaults' }),
    force: Flags.boolean({ description: 'replace an existing config file' }),
    output: Flags.string({ char: 'o', description: 'where to write the config file', default: 'baas.config.json' }),
    'data-dir': Flags.string({ description: 'directory for the SQLite file, master key and sandbox mail', default: './data' }),
    'database-url': Flags.string({ description: 'sqlite:<path> or postgres://… (default: SQLite in the data dir)' }),
    'public-url': Flags.string({ description: 'URL providers reach this server at' }),
    port: Flags.integer({ description: 'TCP port to listen on', default: 4000 }),
    'smtp-url': Flags.string({ description: 'smtps://user:pass@host:465 or smtp://host:587 (default: sandbox mailbox)' }),
    'smtp-from': Flags.string({ description: 'default From address' }),
    'store-name': Flags.string({ description: 'name of the first store (none is created when omitted with --yes)' }),
    currency: Flags.string({ description: `the first store's currency: ${CURRENCIES.join(', ')}`, default: 'BRL' }),
    locale: Flags.string({ description: `the first store's locale: ${LOCALES.join(', ')}`, default: 'pt-BR' }),
    timezone: Flags.string({ description: "the first store's IANA time zone", default: 'America/Sao_Paulo' }),
  };

  async run() {
    const { flags } = await this.parse(Init);
    if (!flags.yes && !process.stdin.isTTY) {
      throw new SetupError(['init: no terminal to ask questions on. Fix: pass --yes with flags (see baas init --help)'], EXIT.config);
    }
    const answers: InitAnswers = {
      data_dir: flags['data-dir'],
      database_url: flags['database-url'],
      port: String(flags.port),
      public_url: flags['public-url'],
      smtp_url: flags['smtp-url'],
      smtp_from: flags['smtp-from'],
    };
    let store = flags['store-name']
      ? { name: flags['store-name'], currency: flags.currency, locale: flags.locale, timezone: flags.timezone }
      : undefined;
    if (!flags.yes) ({ store } = await this.ask(answers, store));

    const file = resolve(flags.output);
    const written = writeConfigFile(file, answers, flags.force);
    const config = loadConfig({ ...process.env, BAAS_CONFIG: file });
    const instance = await openInstance(config, this.createLogger(config), { migrate: true });
    try {
      const created = store ? await instance.stores.create(store) : null;
      this.log(`Wrote ${file}. Use it with:\n\n  export BAAS_CONFIG=${file}\n`);
      if (created) {
        this.log(
          `Created store "${created.store.name}" (${created.store.id}). Its test secret key, shown only this once:\n\n  ${created.testKey.secret}\n`,
        );
      }
      this.log('Next: baas doctor, then baas start.');
      return {
        config_file: file,
        settings: { ...written, master_key: undefined },
        store: created ? { id: created.store.id, name: created.store.name, secret_key: created.testKey.secret } : null,
      };
    } finally {
      await instance.close();
    }
  }

  private async ask(answers: InitAnswers, store: { name: string; currency: string; locale: string; timezone: string } | undefined) {
    const validateAs =
      (key: keyof InitAnswers, optional = false) =>
      (value: string) =>
        (optional && value === '') || checkAnswer(key, value);
    answers.data_dir = await input({ message: 'Data directory', default: answers.data_dir, validate: validateAs('data_dir') });
    const engine = await select({
      message: 'Database',
      choices: [
        { name: 'SQLite in the data directory (zero set-up)', value: 'sqlite' },
        { name: 'PostgreSQL (several instances, bigger volumes)', value: 'postgres' },
      ],
    });
    answers.database_url =
      engine === 'postgres'
        ? await input({
            message: 'PostgreSQL URL',
            default: 'postgres://baas:secret@127.0.0.1:5432/baas',
            validate: validateAs('database_url'),
          })
        : undefined;
    answers.port = await input({ message: 'Port', default: answers.port, validate: validateAs('port') });
    answers.public_url = await input({
      message: 'Public URL (how Mercado Pago and WhatsApp reach this server; empty for local use)',
      default: answers.public_url,
      validate: validateAs('public_url', true),
    });
    answers.smtp_url = await input({
      message: 'SMTP URL (empty: write mail to the sandbox mailbox)',
      default: answers.smtp_url,
      validate: validateAs('smtp_url', true),
    });
    if (answers.smtp_url) {
      answers.smtp_from = await input({ message: 'From address', default: answers.smtp_from, validate: validateAs('smtp_from') });
    }
    if (!(await confirm({ message: 'Create your first store now?', default: true }))) return { store: undefined };
    return {
      store: {
        name: await input({ message: 'Store name', default: store?.name, validate: (v) => v.trim() !== '' || 'a name is required' }),
        currency: await select({ message: 'Currency', choices: CURRENCIES.map((c) => ({ value: c })), default: store?.currency ?? 'BRL' }),
        locale: await select({ message: 'Locale', choices: LOCALES.map((l) => ({ value: l })), default: store?.locale ?? 'pt-BR' }),
        timezone: await input({ message: 'Time zone', default: store?.timezone ?? 'America/Sao_Paulo' }),
      },
    };
  }
}
