import { existsSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { AppError, notFound } from '../../shared/errors.js';
import { validate } from '../../shared/validate.js';
import type { ChannelName, RenderedEmail, RenderedWhatsApp } from '../messages/channel.js';
import type { TemplateData } from '../messages/template-data.js';
import { EmailTemplate, type EmailCaches } from './email-template.js';
import { FileCache } from './file-cache.js';
import { checkTimeZone } from './format.js';
import { createTemplateEnv } from './handlebars-env.js';
import { formattingLocale, localeChain } from './locale-chain.js';
import { labelled, renderLabel, variablesMissing } from './render-errors.js';
import { templateCompiler } from './template-compiler.js';
import { TemplateFiles } from './template-files.js';
import { TEMPLATE_LOCALES, TEMPLATE_NAMES, templateName, type TemplateName } from './template-names.js';
import { parameterPaths, parseWhatsAppDefinition, type WhatsAppDefinition } from './whatsapp-definition.js';
import { missingParameterPaths, whatsAppMessage } from './whatsapp-message.js';

export interface TemplateCatalogOptions {
  /** The package's templates/ (SHIPPED_TEMPLATES_DIR). */
  shippedDir: string;
  /** A store's overrides are in <overridesDir>/<storeId>/, laid out like templates/. */
  overridesDir?: string;
}

export interface RenderInput {
  /** The customer's locale; `es-AR` reads the `es` copy and writes money and dates the Argentine way. */
  locale: string;
  /** The store's IANA time zone, for dates. */
  timeZone: string;
  data: TemplateData;
  /** Whose overrides apply; none: the shipped templates. */
  storeId?: string;
  /** The store's map of our locale → approved WhatsApp language code, over the shipped one. */
  languageCodes?: Record<string, string>;
}

export interface TemplateInfo {
  name: TemplateName;
  channels: ChannelName[];
  locales: string[];
  /** The data paths each channel always needs (optional parts are not listed). */
  variables: Partial<Record<ChannelName, string[]>>;
}

/** A (name, language) pair Meta would have approved, with its named parameters in order. */
export interface WhatsAppApproval {
  name: string;
  language: string;
  parameters: string[];
}

const Strings = z.record(z.string(), z.string());

/**
 * The message templates: the shipped ones and each store's overrides, compiled once, rendered
 * per channel. A variable the copy needs but the data lacks is an error naming it, never a
 * message with a blank.
 */
export class TemplateCatalog {
  /** Made by the first render or listing: commands and servers that never render skip loading Handlebars. */
  private envMade: ReturnType<typeof createTemplateEnv> | undefined;
  private helperNames: ReadonlySet<string> | undefined;
  private readonly email: EmailCaches = {
    html: templateCompiler(() => this.env, { noEscape: false }),
    txt: templateCompiler(() => this.env, { noEscape: true }),
    strings: new FileCache((text) => validate(Strings, JSON.parse(text), 'strings file')),
  };
  private readonly whatsapp = new FileCache(parseWhatsAppDefinition);

  constructor(private readonly options: TemplateCatalogOptions) {}

  private get env(): ReturnType<typeof createTemplateEnv> {
    return (this.envMade ??= createTemplateEnv());
  }

  private get helpers(): ReadonlySet<string> {
    return (this.helperNames ??= new Set(Object.keys(this.env.helpers)));
  }

  list(): TemplateInfo[] {
    const files = this.files(undefined);
    return TEMPLATE_NAMES.map((name) => {
      const emailLocales = TEMPLATE_LOCALES.filter((locale) => files.find(`email/${name}/${locale}.subject.hbs`));
      const definition = this.whatsAppDefinition(files, name);
      const variables: TemplateInfo['variables'] = {};
      if (emailLocales.length) {
        const paths = emailLocales.flatMap((locale) => EmailTemplate.load(files, this.email, name, [locale], this.helpers).missing({}));
        variables.email = [...new Set(paths)].sort();
      }
      if (definition) variables.whatsapp = [...new Set(definition.parameters.flatMap(parameterPaths))].sort();
      const locales = TEMPLATE_LOCALES.filter((locale) => emailLocales.includes(locale) || definition?.locales[locale]);
      return { name, channels: Object.keys(variables) as ChannelName[], locales, variables };
    });
  }

  renderEmail(name: string, input: RenderInput): RenderedEmail {
    const template = templateName(name);
    const label = renderLabel(template, input.locale, 'email');
    return labelled(label, () => {
      checkTimeZone(input.timeZone);
      const email = EmailTemplate.load(this.files(input.storeId), this.email, template, localeChain(input.locale), this.helpers);
      const missing = email.missing(input.data);
      if (missing.length) throw variablesMissing(label, missing);
      return email.render(input.data, { locale: formattingLocale(input.locale, email.locale), timeZone: input.timeZone });
    });
  }

  renderWhatsApp(name: string, input: RenderInput): RenderedWhatsApp {
    const template = templateName(name);
    const label = renderLabel(template, input.locale, 'whatsapp');
    return labelled(label, () => {
      checkTimeZone(input.timeZone);
      const files = this.files(input.storeId);
      const definition = this.whatsAppDefinition(files, template);
      if (!definition) throw notFound('template_not_found', `no WhatsApp version: add ${files.describe(`whatsapp/${template}.json`)}`);
      const chain = localeChain(input.locale);
      const textLocale = chain.find((locale) => definition.locales[locale]);
      if (!textLocale) throw notFound('template_not_found', `no WhatsApp text for ${chain.join(', ')}`);
      const missing = missingParameterPaths(definition, input.data);
      if (missing.length) throw variablesMissing(label, missing);
      return whatsAppMessage(definition, {
        name: template,
        textLocale,
        chain,
        formatLocale: formattingLocale(input.locale, textLocale),
        timeZone: input.timeZone,
        data: input.data,
        languageCodes: input.languageCodes,
      });
    });
  }

  /**
   * Every WhatsApp template the definitions declare, shipped and in each store's overrides:
   * what the sandbox's simulated Meta treats as approved. A broken override is left out here;
   * rendering it reports the error.
   */
  whatsAppApprovals(): WhatsAppApproval[] {
    const { overridesDir } = this.options;
    const stores = overridesDir && existsSync(overridesDir) ? readdirSync(overridesDir) : [];
    const approvals = new Map<string, WhatsAppApproval>();
    for (const storeId of [undefined, ...stores]) {
      for (const name of TEMPLATE_NAMES) {
        const definition = this.definitionIfValid(storeId, name);
        if (!definition) continue;
        for (const { language_code } of Object.values(definition.locales)) {
          const approved = definition.name ?? name;
          approvals.set(`${approved}|${language_code}`, {
            name: approved,
            language: language_code,
            parameters: definition.parameters.map((p) => p.name),
          });
        }
      }
    }
    return [...approvals.values()];
  }

  private definitionIfValid(storeId: string | undefined, name: TemplateName): WhatsAppDefinition | undefined {
    try {
      return this.whatsAppDefinition(this.files(storeId), name);
    } catch (error) {
      if (error instanceof AppError) return undefined;
      throw error;
    }
  }

  private files(storeId: string | undefined): TemplateFiles {
    return new TemplateFiles(this.options.shippedDir, this.options.overridesDir, storeId);
  }

  private whatsAppDefinition(files: TemplateFiles, name: TemplateName): WhatsAppDefinition | undefined {
    const file = files.find(`whatsapp/${name}.json`);
    return file ? this.whatsapp.get(file) : undefined;
  }
}
