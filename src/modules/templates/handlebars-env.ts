import type Handlebars from 'handlebars';
import { lazyRequire } from '../../shared/lazy-require.js';
import { invalidRequest } from '../../shared/errors.js';
import { formatDate, formatDateTime, formatMoney } from './format.js';

/** What every render passes as Handlebars' `data` (`@locale`, `@subject`…); the helpers read it. */
export interface RenderFrame {
  locale: string;
  timeZone: string;
  /** The layout's and partials' own words in the message's language (email/_strings/<locale>.json). */
  strings: Record<string, string>;
  subject?: string;
}

/** Loaded by the first template compiled (~30 ms), not by every command and server start. */
const handlebars = lazyRequire<typeof Handlebars>('handlebars');

type Options = Handlebars.HelperOptions & { data: RenderFrame };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** "Olá, {name}!" with name=Ana → "Olá, Ana!"; Handlebars escapes the result like any other value. */
function translate(key: unknown, options: Options): string {
  const text = options.data.strings[String(key)];
  if (text === undefined)
    throw invalidRequest('template_variable_missing', `no string "${String(key)}" in the locale's email/_strings`, 'data');
  return text.replace(/\{(\w+)\}/g, (_: string, name: string) => {
    if (options.hash[name] === undefined)
      throw invalidRequest('template_variable_missing', `string "${String(key)}" needs ${name}=`, 'data');
    return String(options.hash[name]);
  });
}

/**
 * `data:image/png;base64,…` for an <img src>. Validated base64 holds nothing HTML could
 * misread, so it goes out unescaped: escaping would turn its `=` padding into `&#x3D;`,
 * which mail libraries that turn data URIs into attachments cannot decode.
 */
function pngDataUri(base64: unknown): Handlebars.SafeString {
  if (typeof base64 !== 'string' || !BASE64.test(base64)) {
    throw invalidRequest('template_variable_invalid', 'an image must be base64 (payment.pix.qr_code_base64)', 'data');
  }
  return new (handlebars().SafeString)(`data:image/png;base64,${base64}`);
}

/** An isolated Handlebars with our helpers, so nothing registered elsewhere leaks into a message. */
export function createTemplateEnv(): typeof Handlebars {
  const env = handlebars().create();
  env.registerHelper({
    money: (amount: unknown, currency: unknown, options: Options) => formatMoney(amount, String(currency), options.data.locale),
    date: (iso: unknown, options: Options) => formatDateTime(iso, options.data.locale, options.data.timeZone),
    dateOnly: (iso: unknown, options: Options) => formatDate(iso, options.data.locale, options.data.timeZone),
    t: translate,
    pngDataUri,
  });
  return env;
}
