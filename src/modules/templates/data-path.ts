/** A template variable counts as given unless it is undefined, null or empty: a blank is never what the customer should read. */
export const isPresent = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** `value[key]` for own properties only, as Handlebars looks them up. */
export function child(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** `valueAt(data, 'order.amount_total')`. */
export const valueAt = (data: unknown, path: string): unknown => path.split('.').reduce(child, data);
