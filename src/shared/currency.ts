/** ISO 4217 currencies we accept, with their minor-unit exponent (CLP has no cents). */
export const CURRENCY_EXPONENTS = {
  ARS: 2,
  BRL: 2,
  CLP: 0,
  COP: 2,
  MXN: 2,
  PEN: 2,
  USD: 2,
  UYU: 2,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENTS;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];

export function isCurrency(value: string): value is Currency {
  return Object.hasOwn(CURRENCY_EXPONENTS, value);
}
