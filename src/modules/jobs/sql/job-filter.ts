export interface JobFilter {
  status?: string;
  type?: string;
  storeId?: string;
}

/** The SQL conditions (and their parameters) for the filters operators combine on jobs. */
export function jobFilterClauses(filter: JobFilter): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['status', filter.status],
    ['type', filter.type],
    ['store_id', filter.storeId],
  ] as const) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  return { clauses, params };
}
