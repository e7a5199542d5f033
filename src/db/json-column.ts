/** A JSON column's value as the driver gives it: text on SQLite, already parsed by pg on PostgreSQL. */
export function jsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
