export type Cell = string | number | boolean | null | undefined;

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, with its quotes doubled. */
function field(value: Cell): string {
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Records as RFC 4180 CSV, the header first, each ended by CRLF. A dozen lines do not need a
 * dependency: writing is the easy half of CSV.
 */
export function toCsv(records: readonly (readonly Cell[])[]): string {
  return records.map((record) => `${record.map(field).join(',')}\r\n`).join('');
}
