import { UsageFigures, type Usage, type Volume } from './usage.json.js';
import { volumes } from './volumes.js';

export type UsageTotals = { object: 'usage_totals'; livemode: boolean; stores: number } & UsageFigures;

/** Counts added, volumes added per currency, and whole only if every part is: whatever the figures come to be. */
function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number') return a + (b as number);
  if (typeof a === 'boolean') return a && (b as boolean);
  if (Array.isArray(a))
    return volumes([...a, ...(b as Volume[])].map((v: Volume) => ({ currency: v.currency, n: v.count, amount: v.amount })));
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  return Object.fromEntries(Object.keys(x).map((key) => [key, add(x[key], y[key])]));
}

/** Just the figures of a store's usage, without what names the store and the period. */
export function figuresOf(usage: UsageFigures): UsageFigures {
  return Object.fromEntries(Object.keys(UsageFigures.shape).map((key) => [key, usage[key as keyof UsageFigures]])) as UsageFigures;
}

/** The sum of several stores' usage (each over its own period), or null for none. */
export function usageTotals(reports: Usage[]): UsageTotals | null {
  if (reports.length === 0) return null;
  const figures = reports.map(figuresOf).reduce((sum, next) => add(sum, next) as UsageFigures);
  return { object: 'usage_totals', livemode: reports[0]!.livemode, stores: reports.length, ...figures };
}
