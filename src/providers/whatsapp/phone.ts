import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A number as a customer typed it → E.164 (`+5511987654321`), or null when it is not a valid
 * number. Without a country code the store's country decides (Meta would otherwise prepend the
 * business number's own country, reference §6). `max` metadata is what rejects the numbers
 * that look right but are not (Mexico's old `+52 1`, an 8-digit Brazilian mobile).
 */
export function toE164(input: string, defaultCountry?: string): string | null {
  const country = defaultCountry && isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(input, country);
  return parsed?.isValid() ? parsed.number : null;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** What `to` carries: the E.164 number without its `+`, or null when the number is not E.164 at all. */
export function sendingDigits(e164: string): string | null {
  return E164.test(e164) ? e164.slice(1) : null;
}
