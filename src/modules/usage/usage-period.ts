import { invalidRequest } from '../../shared/errors.js';
import { localDate, startOfDay, zonedInstant } from './zoned-time.js';

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?$/;
const WITH_OFFSET = /(Z|[+-]\d\d:\d\d)$/;

/** A moment as given: an instant (it named its offset), or a wall time read in each store's zone. */
type Moment = { instant: Date } | { wall: number };

/**
 * The period usage is asked for, before it meets a store: `--month 2026-11` (or none: the
 * current month) or `--since`/`--until`. Dates and times without an offset are read on each
 * store's clock, so "November" is each store's own November.
 */
export type Period = { month: { year: number; month: number } | null } | { since: Moment; until: Moment | null };

/** A period on one store's clock: from `from` (inclusive) to `to` (exclusive). */
export interface ResolvedPeriod {
  from: Date;
  to: Date;
  timezone: string;
  /** `2026-11` when the period is a calendar month. */
  month: string | null;
}

export interface PeriodInput {
  month?: string;
  since?: string;
  until?: string;
}

export function parsePeriod(input: PeriodInput): Period {
  if (input.month !== undefined && (input.since !== undefined || input.until !== undefined)) {
    throw invalidRequest('parameter_invalid', 'Give either a month or since/until, not both.', 'month');
  }
  if (input.since !== undefined)
    return { since: moment(input.since, 'since'), until: input.until === undefined ? null : moment(input.until, 'until') };
  if (input.until !== undefined) throw invalidRequest('parameter_missing', 'until needs since: the period starts somewhere.', 'since');
  if (input.month === undefined) return { month: null };
  const match = MONTH_PATTERN.exec(input.month);
  if (!match) throw invalidRequest('parameter_invalid', `month: "${input.month}" is not a month such as 2026-11.`, 'month');
  return { month: { year: Number(match[1]), month: Number(match[2]) } };
}

function moment(value: string, param: 'since' | 'until'): Moment {
  const invalid = () =>
    invalidRequest(
      'parameter_invalid',
      `${param}: "${value}" is not a date (2026-11-01), a local time (2026-11-01T09:30) or an instant (2026-11-01T12:30:00Z).`,
      param,
    );
  if (WITH_OFFSET.test(value)) {
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(value)) throw invalid();
    return { instant };
  }
  const match = DATE_TIME.exec(value);
  if (!match) throw invalid();
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  // Date.UTC would read 2026-02-30 as 2 March; a date that does not exist is a typo.
  if (new Date(wall).getUTCDate() !== day || hour! > 23 || minute! > 59 || second! > 59) throw invalid();
  return { wall };
}

/** The period on the clock of a store in `timezone`, at `now`. */
export function resolvePeriod(period: Period, timezone: string, now: Date): ResolvedPeriod {
  if ('month' in period) {
    const { year, month } = period.month ?? localDate(now, timezone);
    return {
      from: startOfDay({ year, month, day: 1 }, timezone),
      to: startOfDay({ year, month: month + 1, day: 1 }, timezone),
      timezone,
      month: `${year}-${String(month).padStart(2, '0')}`,
    };
  }
  const at = (m: Moment) => ('instant' in m ? m.instant : zonedInstant(m.wall, timezone));
  const from = at(period.since);
  const to = period.until ? at(period.until) : now;
  if (to <= from)
    throw invalidRequest('parameter_invalid', `until (${to.toISOString()}) must be after since (${from.toISOString()}).`, 'until');
  return { from, to, timezone, month: null };
}
