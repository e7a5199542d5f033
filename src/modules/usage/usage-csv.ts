import { toCsv, type Cell } from './csv.js';
import { figuresOf, usageTotals } from './usage-totals.js';
import type { Usage } from './usage.json.js';

/**
 * A usage object as flat columns: nested names joined by `_` (`period_from`,
 * `payments_by_status_approved`), volumes by currency (`payments_approved_volume_BRL_amount`).
 */
function flatten(value: unknown, prefix = '', into = new Map<string, Cell>()): Map<string, Cell> {
  if (Array.isArray(value)) {
    for (const { currency, ...rest } of value as { currency: string }[]) flatten(rest, `${prefix}_${currency}`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}_${key}` : key, into);
  } else {
    into.set(prefix, value as Cell);
  }
  return into;
}

/**
 * One record per store, for spreadsheets. The columns are those of the totals, so every
 * currency any store used has its columns (blank where a store has none); there is no totals
 * record: a spreadsheet adds up columns itself.
 */
export function usageCsv(reports: Usage[]): string {
  const totals = usageTotals(reports);
  if (!totals) return '';
  const strip = ({ object: _object, ...rest }: Usage) => rest;
  const columns = [...flatten({ ...strip(reports[0]!), ...figuresOf(totals) }).keys()];
  const records = reports.map((report) => {
    const flat = flatten(strip(report));
    return columns.map((column) => flat.get(column));
  });
  return toCsv([columns, ...records]);
}
