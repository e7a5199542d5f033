import type { Db } from '../../db/orm.js';
import type { KeptSince } from './retention.js';
import { addCounts, countPurgeable, NO_COUNTS, type PurgeableCounts } from './purgeable-counts.js';
import type { StoreWindow } from './sql/count-rows.js';
import { readUsageDays, type RolledUpDay } from './sql/read-usage-days.js';

export interface PurgeableFigures extends PurgeableCounts {
  /** Whether each figure is whole, or was counted (in part) from rows some of which were purged before they were rolled up. */
  complete: { requests: boolean; deliveries: boolean };
}

interface Span {
  from: Date;
  to: Date;
}

/** What of `span` the (time-ordered, non-overlapping) days leave uncovered. */
export function uncovered(span: Span, days: RolledUpDay[]): Span[] {
  const gaps: Span[] = [];
  let cursor = span.from;
  for (const day of days) {
    if (day.startsAt > cursor) gaps.push({ from: cursor, to: day.startsAt });
    if (day.endsAt > cursor) cursor = day.endsAt;
  }
  if (cursor < span.to) gaps.push({ from: cursor, to: span.to });
  return gaps;
}

/**
 * API requests and webhook deliveries of a period: the rolled-up days that lie inside it, plus
 * whatever they leave out (today, the edges of a --since/--until, days not rolled up yet),
 * counted from the rows. Time before the store existed is no gap.
 */
export async function purgeableFigures(em: Db, window: StoreWindow, storeCreatedAt: Date, kept: KeptSince): Promise<PurgeableFigures> {
  const days = await readUsageDays(em, window);
  const from = window.from > storeCreatedAt ? window.from : storeCreatedAt;
  const gaps = from < window.to ? uncovered({ from, to: window.to }, days) : [];
  let counts = days.reduce<PurgeableCounts>(addCounts, NO_COUNTS);
  for (const gap of gaps) counts = addCounts(counts, await countPurgeable(em, { ...window, ...gap }));
  return {
    ...counts,
    complete: {
      requests: gaps.every((gap) => gap.from >= kept.requests),
      deliveries: gaps.every((gap) => gap.from >= kept.deliveries),
    },
  };
}
