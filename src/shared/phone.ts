import type * as LibPhoneNumber from 'libphonenumber-js/max';
import { lazyRequire } from './lazy-require.js';

/** Its `max` metadata takes ~50 ms to load: paid by the first phone number, not by every start. */
const phoneNumbers = lazyRequire<typeof LibPhoneNumber>('libphonenumber-js/max');

/**
 * A number as a customer typed it → E.164 (`+5511987654321`), or null when it is not a valid
 * number. Without a country code the store's country decides (Meta would otherwise prepend the
 * business number's own country, reference §6). `max` metadata is what rejects the numbers
 * that look right but are not (Mexico's old `+52 1`, an 8-digit Brazilian mobile).
 */
export function toE164(input: string, defaultCountry?: string): string | null {
  const { isSupportedCountry, parsePhoneNumberFromString } = phoneNumbers();
  const country = defaultCountry && isSupportedCountry(defaultCountry) ? (defaultCountry as LibPhoneNumber.CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(input, country);
  return parsed?.isValid() ? parsed.number : null;
}
