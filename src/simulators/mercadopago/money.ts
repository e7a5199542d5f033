import { errors } from './errors.js';

/** CLP and COP take integers only (reference §9); every other supported currency two decimals. */
const ZERO_DECIMALS = new Set(['CLP', 'COP']);

export function decimalsOf(currency: string): number {
  return ZERO_DECIMALS.has(currency) ? 0 : 2;
}

/** Amounts are major units as JSON numbers; work in integer minor units to avoid float drift. */
export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** decimalsOf(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** decimalsOf(currency);
}

/** A positive amount with no more decimals than the currency allows, else MP's 4037. */
export function validAmount(value: unknown, currency: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw errors.invalidAmount();
  const minor = value * 10 ** decimalsOf(currency);
  if (Math.abs(minor - Math.round(minor)) > 1e-6) throw errors.invalidAmount();
  return value;
}
