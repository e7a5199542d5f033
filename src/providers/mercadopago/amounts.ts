import { CURRENCY_EXPONENTS, isCurrency, type Currency } from '../../shared/currency.js';
import { invalidRequest } from '../../shared/errors.js';

/**
 * Minor units (ours) ⇄ MP's decimal major units (reference §9). MP takes CLP and COP as whole
 * units only, although COP has cents in ISO 4217 and in our currency table.
 */
const MP_WHOLE_UNITS_ONLY: ReadonlySet<Currency> = new Set(['CLP', 'COP']);

/**
 * 4990 BRL → 49.9; 15000 CLP → 15000. Division by a power of ten is correctly rounded in IEEE
 * 754, so the result is the double nearest the exact decimal (what `Number("49.90")` gives),
 * and JSON.stringify prints it without drift. Refuses amounts MP would reject rather than
 * rounding money silently.
 */
export function toMpAmount(minor: number, currency: Currency, param = 'amount'): number {
  if (!Number.isSafeInteger(minor) || minor < 0) {
    throw invalidRequest('invalid_amount', `${param} must be a non-negative integer in minor units`, param);
  }
  const scale = 10 ** CURRENCY_EXPONENTS[currency];
  if (MP_WHOLE_UNITS_ONLY.has(currency) && minor % scale !== 0) {
    throw invalidRequest('invalid_amount', `Mercado Pago takes ${currency} amounts in whole units only`, param);
  }
  return minor / scale;
}

/**
 * 49.9 BRL → 4990; 0.30000000000000004 → 30. A value with more decimals than the currency has
 * (49.999 BRL, 15000.5 CLP) is not noise: it means we would lose money by rounding, so it throws.
 */
export function fromMpAmount(major: number, currency: Currency): number {
  if (typeof major !== 'number' || !Number.isFinite(major)) throw new RangeError(`Not an amount: ${String(major)}`);
  const decimals = MP_WHOLE_UNITS_ONLY.has(currency) ? 0 : CURRENCY_EXPONENTS[currency];
  const scaled = major * 10 ** decimals;
  const rounded = Math.round(scaled);
  // Binary noise (0.1 + 0.2 = 0.30000000000000004) is a few ulps of `scaled`; a real extra decimal is ≥ 0.1.
  if (Math.abs(scaled - rounded) > 1e-9 + 8 * Number.EPSILON * Math.abs(scaled)) {
    throw new RangeError(`${major} has more decimals than ${currency} allows`);
  }
  // Back to our exponent (COP: whole pesos → cents).
  const minor = rounded * 10 ** (CURRENCY_EXPONENTS[currency] - decimals);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${major} ${currency} is out of range`);
  return minor === 0 ? 0 : minor; // no -0
}

/** MP's `currency_id`, if it is one of ours. */
export function currencyOf(currencyId: unknown): Currency | null {
  return typeof currencyId === 'string' && isCurrency(currencyId) ? currencyId : null;
}
