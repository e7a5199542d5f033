/**
 * Between instants and a time zone's wall clock, with Intl alone (Node has no Temporal yet).
 * A wall time is written as milliseconds "as if UTC": Date.UTC(2026, 10, 1) is 1 November
 * 2026, 00:00 on the zone's clock.
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** What the zone's clock shows at `instant`, as a wall time. */
export function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = Number(part.value);
  const millis = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) + millis;
}

/**
 * The instant the zone's clock shows `wall`. Where the clock shows it twice (the hour DST gives
 * back) the first; where never (the hour DST skips: São Paulo's midnights until 2019) the
 * instant as far past the gap's start as `wall` is, so a day that starts at 01:00 starts then.
 * That is Temporal's `compatible` choice.
 */
export function zonedInstant(wall: number, timeZone: string): Date {
  // The zone's offset near `wall`, then at the instant that gives, then at that one's: both
  // offsets around a transition are among them.
  const candidates = new Set<number>();
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    guess = wall - (wallClock(guess, timeZone) - guess);
    candidates.add(guess);
  }
  const sorted = [...candidates].sort((a, b) => a - b);
  const exact = sorted.find((instant) => wallClock(instant, timeZone) === wall);
  return new Date(exact ?? sorted.find((instant) => wallClock(instant, timeZone) > wall) ?? sorted[0]!);
}

export function localDate(instant: Date, timeZone: string): LocalDate {
  const wall = new Date(wallClock(instant.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** When the local day `date` begins (Date.UTC normalizes day 32 and month 13, so callers may step past the end). */
export function startOfDay(date: LocalDate, timeZone: string): Date {
  return zonedInstant(Date.UTC(date.year, date.month - 1, date.day), timeZone);
}

/** The first local midnight after `instant`. */
export function nextMidnight(instant: Date, timeZone: string): Date {
  const today = localDate(instant, timeZone);
  return startOfDay({ ...today, day: today.day + 1 }, timeZone);
}
