import type { z } from 'zod';
import { invalidRequest } from './errors.js';

/**
 * Parses `value` with `schema` or throws the contract's 400 naming the first bad field
 * (`param`: `items[0].quantity`), whether the value came from a request, a flag or a file.
 */
export function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const param = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
  const message = issue.code === 'unrecognized_keys' ? `Unknown field ${param} in the ${where}.` : `${param || where}: ${issue.message}`;
  throw invalidRequest(issue.code === 'unrecognized_keys' ? 'unknown_parameter' : 'parameter_invalid', message, param || undefined);
}
