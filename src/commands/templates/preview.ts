import { readFileSync, writeFileSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { renderTable } from '../../cli/table.js';
import type { RenderedEmail, RenderedWhatsApp, WhatsAppParameter } from '../../modules/messages/channel.js';
import { CHANNELS } from '../../modules/messages/channel.js';
import { TemplateCatalog } from '../../modules/templates/catalog.js';
import { mergeData } from '../../shared/merge-data.js';
import { templateSample } from '../../modules/templates/samples.js';
import { SHIPPED_TEMPLATES_DIR } from '../../modules/templates/shipped-dir.js';
import { templateName } from '../../modules/templates/template-names.js';
import { invalidRequest } from '../../shared/errors.js';

/** The --data file: a JSON object, or one line saying what is wrong with it. */
function readDataFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidRequest(
      'data_file_unreadable',
      `--data ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      'data',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalidRequest('data_file_invalid', `--data ${file} is not JSON: ${(error as Error).message}`, 'data');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw invalidRequest('data_file_invalid', `--data ${file} must hold a JSON object, such as {"order":{"number":"1043"}}`, 'data');
  }
  return data as Record<string, unknown>;
}

const parameterValue = (parameter: WhatsAppParameter) =>
  parameter.type === 'text'
    ? parameter.text
    : parameter.type === 'currency'
      ? `${parameter.fallback} (${parameter.code}, amount_1000 ${parameter.amount1000})`
      : parameter.fallback;

export default class TemplatesPreview extends BaasCommand {
  static override summary = 'Render a template with sample data, as a customer would get it';
  static override description = `Renders one template for one channel and locale with a realistic sample order (a Brazilian one for pt-BR, an Argentine one for es, a Chilean one for en), or with your own data merged over it (--data). For email it prints the subject and the text part, and --html writes the HTML part, CSS inlined, to a file you can open in a browser; for WhatsApp it prints the approved template's name, language code, parameters and the text. --store previews a store's overrides from the configured templates dir (templates_dir, BAAS_TEMPLATES_DIR); the database is not needed.`;

  static override examples = [
    {
      description: 'The Pix instructions email in Portuguese',
      command: '<%= config.bin %> <%= command.id %> payment_pending --locale pt-BR',
    },
    { description: 'Its HTML, to open in a browser', command: '<%= config.bin %> <%= command.id %> payment_pending --html /tmp/pix.html' },
    {
      description: 'The WhatsApp message in Argentine Spanish',
      command: '<%= config.bin %> <%= command.id %> order_paid --channel whatsapp --locale es-AR',
    },
    {
      description: "A store's override with its own data",
      command:
        '<%= config.bin %> <%= command.id %> order_paid --store sto_01jq3v6z8m4c2r9t7w5x0y1k3n --data order.json --timezone America/Sao_Paulo',
    },
  ];

  static override args = {
    name: Args.string({ required: true, description: 'the template, e.g. order_paid (see `baas templates list`)' }),
  };

  static override flags = {
    locale: Flags.string({ description: 'es, pt-BR, en or a regional variant such as es-AR', default: 'pt-BR' }),
    channel: Flags.string({ description: 'which version to render', options: [...CHANNELS], default: 'email' }),
    data: Flags.string({ description: 'a JSON file merged over the sample data, e.g. {"order":{"number":"1043"}}' }),
    html: Flags.string({ description: 'email: write the HTML part to this file' }),
    store: Flags.string({ description: "apply this store's overrides (its id, sto_…)" }),
    timezone: Flags.string({ description: "IANA time zone for dates (default: the sample store's)" }),
  };

  async run() {
    const { args, flags } = await this.parse(TemplatesPreview);
    const name = templateName(args.name);
    if (flags.html && flags.channel !== 'email') throw invalidRequest('flag_invalid', '--html is for --channel email', 'html');
    const sample = templateSample(name, flags.locale);
    const catalog = new TemplateCatalog({
      shippedDir: SHIPPED_TEMPLATES_DIR,
      overridesDir: flags.store ? this.loadBaasConfig().templatesDir : undefined,
    });
    const input = {
      locale: flags.locale,
      timeZone: flags.timezone ?? sample.timeZone,
      data: flags.data ? mergeData(sample.data, readDataFile(flags.data)) : sample.data,
      storeId: flags.store,
    };
    const header = { template: name, channel: flags.channel, locale: flags.locale };
    if (flags.channel === 'whatsapp') {
      const message = catalog.renderWhatsApp(name, input);
      this.printWhatsApp(message);
      return { ...header, ...message };
    }
    const email = catalog.renderEmail(name, input);
    this.printEmail(email, flags.html);
    return { ...header, ...email };
  }

  private printEmail(email: RenderedEmail, htmlFile: string | undefined): void {
    this.log(`Subject: ${email.subject}\n`);
    this.log(email.text);
    if (htmlFile) {
      writeFileSync(htmlFile, email.html);
      this.log(`HTML part written to ${htmlFile}`);
    } else this.log('(add --html FILE to write the HTML part)');
  }

  private printWhatsApp(message: RenderedWhatsApp): void {
    this.log(`Template ${message.name}, language ${message.languageCode}`);
    this.log(
      renderTable(
        ['parameter', 'type', 'value'],
        message.parameters.map((p) => [p.name ?? '—', p.type, parameterValue(p)]),
      ),
    );
    this.log(`\n${message.text}`);
  }
}
