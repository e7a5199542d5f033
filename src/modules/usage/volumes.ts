import { amount } from '../activity/describe-change.js';
import type { Volume } from './usage.json.js';

/** Count and amount per currency, in currency order. */
export function volumes(rows: { currency: string; n: number; amount: number }[]): Volume[] {
  const byCurrency = new Map<string, Volume>();
  for (const row of rows) {
    const volume = byCurrency.get(row.currency) ?? { currency: row.currency, count: 0, amount: 0, formatted: '' };
    volume.count += row.n;
    volume.amount += row.amount;
    byCurrency.set(row.currency, volume);
  }
  return [...byCurrency.values()]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((volume) => ({ ...volume, formatted: amount(volume.amount, volume.currency) }));
}
