import { TEMPLATE_LOCALES } from './template-names.js';

const LAST_RESORT = 'en';

/** `pt_BR`, `pt-br` → `pt-BR`; something that is no locale at all → null. */
function canonical(locale: string): string | null {
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

const languageOf = (locale: string): string => new Intl.Locale(locale).language;

/**
 * The locales whose files to try, best first: the locale itself, its language, a shipped
 * regional variant of that language (so `pt` and `pt-PT` read the `pt-BR` copy rather than
 * English), then English. `es-AR` → es-AR, es, en; `pt-BR` → pt-BR, pt, en.
 */
export function localeChain(requested: string): string[] {
  const locale = canonical(requested);
  if (!locale) return [LAST_RESORT];
  const language = languageOf(locale);
  const variants = TEMPLATE_LOCALES.filter((shipped) => languageOf(shipped) === language);
  return [...new Set([locale, language, ...variants, LAST_RESORT])];
}

/**
 * The locale money and dates are written in: the requested one when it is a variant of the
 * language the text is in (`es-AR` text from `es` files still prints `$ 129,90`), else the
 * text's own, so English copy never carries German numbers.
 */
export function formattingLocale(requested: string, textLocale: string): string {
  const locale = canonical(requested);
  return locale && languageOf(locale) === languageOf(textLocale) ? locale : textLocale;
}
