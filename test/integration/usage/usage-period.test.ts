import { describe, expect, it } from 'vitest';
import { parsePeriod, resolvePeriod } from '../../../src/modules/usage/usage-period.js';
import { nextMidnight, startOfDay, zonedInstant } from '../../../src/modules/usage/zoned-time.js';
import { AppError } from '../../../src/shared/errors.js';

const NOW = new Date('2026-12-01T07:00:00Z');
const iso = (date: Date) => date.toISOString();
const resolved = (input: Parameters<typeof parsePeriod>[0], timezone: string) => {
  const period = resolvePeriod(parsePeriod(input), timezone, NOW);
  return { from: iso(period.from), to: iso(period.to), month: period.month };
};

describe('local days', () => {
  it('begin at the zone’s midnight, whatever its offset', () => {
    expect(iso(startOfDay({ year: 2026, month: 11, day: 1 }, 'America/Sao_Paulo'))).toBe('2026-11-01T03:00:00.000Z');
    expect(iso(startOfDay({ year: 2026, month: 11, day: 1 }, 'Asia/Kolkata'))).toBe('2026-10-31T18:30:00.000Z');
    expect(iso(startOfDay({ year: 2026, month: 11, day: 1 }, 'UTC'))).toBe('2026-11-01T00:00:00.000Z');
    // Day 32 of October is 1 November; month 13 of 2026 is January 2027.
    expect(iso(startOfDay({ year: 2026, month: 10, day: 32 }, 'America/Mexico_City'))).toBe('2026-11-01T06:00:00.000Z');
    expect(iso(startOfDay({ year: 2026, month: 13, day: 1 }, 'America/Sao_Paulo'))).toBe('2027-01-01T03:00:00.000Z');
  });

  it('begin when the clock starts them where DST skips midnight (São Paulo 2018, Santiago 2026)', () => {
    // 4 Nov 2018: São Paulo's clocks went from 23:59:59 to 01:00, so the day began at 01:00 (-02:00).
    expect(iso(startOfDay({ year: 2018, month: 11, day: 4 }, 'America/Sao_Paulo'))).toBe('2018-11-04T03:00:00.000Z');
    expect(iso(nextMidnight(new Date('2018-11-03T12:00:00Z'), 'America/Sao_Paulo'))).toBe('2018-11-04T03:00:00.000Z');
    // Chile moves to -03:00 at 24:00 on the first Saturday of September.
    expect(iso(startOfDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    expect(iso(startOfDay({ year: 2026, month: 9, day: 7 }, 'America/Santiago'))).toBe('2026-09-07T03:00:00.000Z');
  });

  it('take the first of a wall time the clock shows twice, and step over one it skips', () => {
    // New York, 1 Nov 2026: 01:30 comes twice (EDT then EST).
    expect(iso(zonedInstant(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    // New York, 8 Mar 2026: 02:30 never comes; read as 03:30 EDT, like Temporal's "compatible".
    expect(iso(zonedInstant(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('last 23 or 25 hours on the days DST changes', () => {
    const length = (from: Date) => (nextMidnight(from, 'America/New_York').getTime() - from.getTime()) / 3600_000;
    expect(length(startOfDay({ year: 2026, month: 3, day: 8 }, 'America/New_York'))).toBe(23);
    expect(length(startOfDay({ year: 2026, month: 11, day: 1 }, 'America/New_York'))).toBe(25);
  });
});

describe('usage periods', () => {
  it('are calendar months on the store’s clock; none given is the current month', () => {
    expect(resolved({ month: '2026-11' }, 'America/Sao_Paulo')).toEqual({
      from: '2026-11-01T03:00:00.000Z',
      to: '2026-12-01T03:00:00.000Z',
      month: '2026-11',
    });
    expect(resolved({ month: '2026-12' }, 'Asia/Kolkata')).toMatchObject({
      from: '2026-11-30T18:30:00.000Z',
      to: '2026-12-31T18:30:00.000Z',
    });
    // At 07:00 UTC on 1 December it is still 30 November in Honolulu.
    expect(resolved({}, 'Pacific/Honolulu').month).toBe('2026-11');
    expect(resolved({}, 'America/Sao_Paulo').month).toBe('2026-12');
  });

  it('read dates and local times on the store’s clock, instants as given, until now by default', () => {
    expect(resolved({ since: '2026-11-10', until: '2026-11-20T12:30' }, 'America/Sao_Paulo')).toEqual({
      from: '2026-11-10T03:00:00.000Z',
      to: '2026-11-20T15:30:00.000Z',
      month: null,
    });
    expect(resolved({ since: '2026-11-10T00:00:00Z' }, 'America/Sao_Paulo')).toEqual({
      from: '2026-11-10T00:00:00.000Z',
      to: iso(NOW),
      month: null,
    });
    expect(resolved({ since: '2026-11-10T00:00:00-03:00', until: '2026-11-11' }, 'UTC').from).toBe('2026-11-10T03:00:00.000Z');
  });

  it('refuse what is not a period, naming the parameter', () => {
    const refused = (input: Parameters<typeof parsePeriod>[0]) => {
      try {
        resolvePeriod(parsePeriod(input), 'UTC', NOW);
      } catch (error) {
        return { code: (error as AppError).code, param: (error as AppError).param };
      }
      throw new Error(`accepted ${JSON.stringify(input)}`);
    };
    expect(refused({ month: '2026-13' })).toEqual({ code: 'parameter_invalid', param: 'month' });
    expect(refused({ month: '2026-1' })).toEqual({ code: 'parameter_invalid', param: 'month' });
    expect(refused({ month: '2026-11', since: '2026-11-01' })).toEqual({ code: 'parameter_invalid', param: 'month' });
    expect(refused({ until: '2026-11-01' })).toEqual({ code: 'parameter_missing', param: 'since' });
    expect(refused({ since: '2026-02-30' })).toEqual({ code: 'parameter_invalid', param: 'since' });
    expect(refused({ since: '2026-11-01T25:00' })).toEqual({ code: 'parameter_invalid', param: 'since' });
    expect(refused({ since: 'yesterday' })).toEqual({ code: 'parameter_invalid', param: 'since' });
    expect(refused({ since: '2026-11-02', until: '2026-11-01' })).toEqual({ code: 'parameter_invalid', param: 'until' });
  });
});
