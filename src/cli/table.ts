import Table from 'cli-table3';

/** A plain bordered table for terminals; cli-table3 handles wide characters and alignment. */
export function renderTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows.map((row) => row.map(String)));
  return table.toString();
}
