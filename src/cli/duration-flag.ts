import ms from 'ms';
import { invalidRequest } from '../shared/errors.js';

export interface DurationOptions {
  /** The flag's name without dashes; it names the parameter in the error. */
  flag: string;
  /** Whether `0` is a meaningful value (e.g. `--grace 0`: at once). Otherwise the minimum is 1 s. */
  allowZero?: boolean;
  /** The longest accepted duration, in `ms` notation (e.g. `365d`). */
  max: string;
  /** Said after the examples in the error, in parentheses: what an edge value means. */
  note?: string;
}

/**
 * `30m`, `24h`, `7d`… (anything the `ms` package reads) as milliseconds. A bare number other
 * than an allowed 0 is refused (24 what?), and so is anything negative, out of range or
 * unreadable, with one line naming the flag.
 */
export function parseDuration(value: string, options: DurationOptions): number {
  const trimmed = value.trim();
  const min = options.allowZero ? 0 : 1000;
  const bareNumber = /^\d+(\.\d+)?$/.test(trimmed);
  let parsed: number | undefined;
  try {
    parsed = bareNumber && Number(trimmed) !== 0 ? undefined : ms(trimmed as ms.StringValue);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed < min || parsed > ms(options.max as ms.StringValue)) {
    const needsUnit = bareNumber && Number(trimmed) !== 0;
    throw invalidRequest(
      'parameter_invalid',
      `--${options.flag}: "${value}" is not a duration between ${options.allowZero ? '0' : '1s'} and ${options.max}${needsUnit ? ' (a number needs a unit)' : ''}; use e.g. 30m, 24h or 7d${options.note ? ` (${options.note})` : ''}.`,
      options.flag,
    );
  }
  return Math.round(parsed);
}

/** How far back `--since` may reach. */
export const MAX_SINCE = '365d';

/** `--since 1h` as the moment one hour before `now`. */
export function parseSince(value: string, now: Date = new Date()): Date {
  return new Date(now.getTime() - parseDuration(value, { flag: 'since', max: MAX_SINCE }));
}
