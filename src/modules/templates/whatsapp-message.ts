import type { RenderedWhatsApp, WhatsAppParameter } from '../messages/channel.js';
import { isPresent, valueAt } from './data-path.js';
import { amount1000, formatDateTime, formatMoney } from './format.js';
import { fillPlaceholders, parameterPaths, type WhatsAppDefinition, type WhatsAppParameterSpec } from './whatsapp-definition.js';

export interface WhatsAppRender {
  /** Our template name: the approved name when the definition gives none. */
  name: string;
  /** The locale the body is written in, and where it sits in the request's fallback chain. */
  textLocale: string;
  chain: string[];
  /** Money and dates are written in this one. */
  formatLocale: string;
  timeZone: string;
  data: unknown;
  languageCodes?: Record<string, string>;
}

/** The data paths the parameters need but `data` lacks. */
export const missingParameterPaths = (definition: WhatsAppDefinition, data: unknown): string[] =>
  definition.parameters.flatMap(parameterPaths).filter((path) => !isPresent(valueAt(data, path)));

// Meta refuses a text parameter with a newline, a tab or four spaces in a row.
const oneLine = (value: unknown) => String(value).replace(/\s+/g, ' ').trim();

function parameter(spec: WhatsAppParameterSpec, render: WhatsAppRender): WhatsAppParameter {
  const { data, formatLocale, timeZone } = render;
  switch (spec.type) {
    case 'text':
      return { type: 'text', name: spec.name, text: oneLine(valueAt(data, spec.value)) };
    case 'currency': {
      const amount = valueAt(data, spec.amount);
      const code = String(valueAt(data, spec.currency));
      return {
        type: 'currency',
        name: spec.name,
        fallback: formatMoney(amount, code, formatLocale),
        code,
        amount1000: amount1000(amount, code),
      };
    }
    case 'date_time':
      return { type: 'date_time', name: spec.name, fallback: formatDateTime(valueAt(data, spec.value), formatLocale, timeZone) };
  }
}

const displayed = (value: WhatsAppParameter) => (value.type === 'text' ? value.text : value.fallback);

/**
 * The approved template's name and language code, its body parameters in the definition's
 * order, and the text the customer reads. A store's `languageCodes` (our locale → its approved
 * code) win; the most specific one up to the text's locale is taken, so `es-AR` → `es_AR`
 * when the store approved that translation, else the `es` one.
 */
export function whatsAppMessage(definition: WhatsAppDefinition, render: WhatsAppRender): RenderedWhatsApp {
  const { body, language_code } = definition.locales[render.textLocale]!;
  const storeCodes = render.chain.slice(0, render.chain.indexOf(render.textLocale) + 1).map((locale) => render.languageCodes?.[locale]);
  const parameters = definition.parameters.map((spec) => parameter(spec, render));
  const values = Object.fromEntries(parameters.map((value) => [value.name!, displayed(value)]));
  return {
    name: definition.name ?? render.name,
    languageCode: storeCodes.find(Boolean) ?? language_code,
    parameters,
    text: fillPlaceholders(body, values),
  };
}
