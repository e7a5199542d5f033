import { invalidRequest } from '../../shared/errors.js';
import { CURRENCY_EXPONENTS, isCurrency } from '../../shared/currency.js';

// Intl formatters are slow to build and rendering uses a handful of (locale, zone) pairs: keep them.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = build()));
  return formatter as T;
}

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  return cached(`n|${locale}|${currency}`, () => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      throw invalidRequest('template_variable_invalid', `"${currency}" is not an ISO 4217 currency code`, 'data');
    }
  });
}

function dateTimeFormat(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  return cached(`d|${locale}|${timeZone}|${withTime}`, () => {
    try {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone });
    } catch {
      throw invalidRequest('timezone_invalid', `"${timeZone}" is not an IANA time zone such as America/Sao_Paulo`, 'timezone');
    }
  });
}

/** Throws the one-line error for a time zone Intl does not know, before anything is rendered. */
export function checkTimeZone(timeZone: string): void {
  dateTimeFormat('en', timeZone, true);
}

/**
 * Decimal places of the currency's minor unit. Ours (shared/currency.ts) win: they are how
 * amounts are stored, and ICU disagrees for some (it shows COP without cents, ISO 4217 has 2).
 */
export function minorUnitDigits(currency: string): number {
  if (isCurrency(currency)) return CURRENCY_EXPONENTS[currency];
  return currencyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

function minorUnits(amount: unknown): number {
  if (typeof amount === 'number' && Number.isSafeInteger(amount)) return amount;
  throw invalidRequest(
    'template_variable_invalid',
    `an amount must be a whole number of minor units, got ${JSON.stringify(amount)}`,
    'data',
  );
}

function timestamp(iso: unknown): Date {
  const date = typeof iso === 'string' || iso instanceof Date ? new Date(iso) : null;
  if (date && !Number.isNaN(date.getTime())) return date;
  throw invalidRequest('template_variable_invalid', `a date must be an ISO 8601 timestamp, got ${JSON.stringify(iso)}`, 'data');
}

/** 12990 BRL in pt-BR → "R$ 129,90" (with a no-break space); 12990 CLP in es-CL → "$12.990". */
export function formatMoney(amount: unknown, currency: string, locale: string): string {
  return currencyFormat(locale, currency).format(minorUnits(amount) / 10 ** minorUnitDigits(currency));
}

/** WhatsApp's `amount_1000`: the amount × 1000, from minor units (BRL 12990 → 12990000, CLP 12990 → 12990000). */
export function amount1000(amount: unknown, currency: string): number {
  return minorUnits(amount) * 10 ** (3 - minorUnitDigits(currency));
}

/** "11 de março de 2026 às 23:30": a long date and the time, in the store's time zone. */
export function formatDateTime(iso: unknown, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, timeZone, true).format(timestamp(iso));
}

/** "11 de março de 2026", in the store's time zone. */
export function formatDate(iso: unknown, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, timeZone, false).format(timestamp(iso));
}
