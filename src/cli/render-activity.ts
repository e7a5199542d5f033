import { ux } from '@oclif/core';
import type { Activity, ActivityLevel } from '../modules/activity/activity.entity.js';

const LEVEL_COLORS: Record<ActivityLevel, string> = { debug: 'dim', info: 'green', warn: 'yellow', error: 'red' };
const KIND_WIDTH = 13;

/** 2026-12-01 07:12:01.123Z: sortable, unambiguous at 3 a.m. in any time zone. */
const stamp = (at: Date) => at.toISOString().replace('T', ' ');

/**
 * One activity row as one aligned, coloured line (colours are dropped when stdout is not a
 * terminal): time, level, kind, what happened, how long it took, and the ids it concerns that the
 * reader did not filter on.
 */
export function activityLine(row: Activity, options: { hideIds?: ('orderId' | 'paymentId' | 'storeId')[]; since?: Date } = {}): string {
  const ids = [
    !options.hideIds?.includes('storeId') && row.storeId,
    !options.hideIds?.includes('orderId') && row.orderId,
    !options.hideIds?.includes('paymentId') && row.paymentId,
    row.requestId,
  ].filter((id): id is string => Boolean(id));
  const offset = options.since
    ? `${ux.colorize('dim', `+${((row.at.getTime() - options.since.getTime()) / 1000).toFixed(3)}s`.padStart(10))} `
    : '';
  return [
    `${stamp(row.at)} ${offset}${ux.colorize(LEVEL_COLORS[row.level], row.level.padEnd(5))}`,
    ux.colorize('cyan', row.kind.padEnd(KIND_WIDTH)),
    row.summary,
    row.durationMs == null ? '' : ux.colorize('dim', `(${row.durationMs} ms)`),
    ids.length ? ux.colorize('dim', ids.join(' ')) : '',
  ]
    .filter(Boolean)
    .join('  ');
}
