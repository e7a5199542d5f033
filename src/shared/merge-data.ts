const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * `extra` over `base`, objects merged key by key (so `{"order":{"number":"77"}}` changes only
 * the number), anything else replaced; a preview's --data file is a patch, not a whole order.
 */
export function mergeData<T extends Record<string, unknown>>(base: T, extra: Record<string, unknown>): T {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeData(current, value) : value;
  }
  return merged as T;
}
