import type { Db } from '../../db/orm.js';
import { countOf, countRows, SOURCES, type StoreWindow } from './sql/count-rows.js';

/** What usage counts from rows that are purged after their retention, and so is rolled up daily. */
export interface PurgeableCounts {
  apiRequests: number;
  deliveriesSucceeded: number;
  deliveriesFailed: number;
}

export const NO_COUNTS: PurgeableCounts = { apiRequests: 0, deliveriesSucceeded: 0, deliveriesFailed: 0 };

/** The window's API requests (activity_log) and webhook delivery attempts, from the rows still there. */
export async function countPurgeable(em: Db, window: StoreWindow): Promise<PurgeableCounts> {
  const deliveries = await countRows(em, SOURCES.deliveries, window, { by: ['status'] });
  const attempts = (status: string) => deliveries.find((row) => row.status === status)?.n ?? 0;
  return {
    apiRequests: await countOf(em, SOURCES.requests, window),
    deliveriesSucceeded: attempts('succeeded'),
    deliveriesFailed: attempts('failed'),
  };
}

export function addCounts(a: PurgeableCounts, b: PurgeableCounts): PurgeableCounts {
  return {
    apiRequests: a.apiRequests + b.apiRequests,
    deliveriesSucceeded: a.deliveriesSucceeded + b.deliveriesSucceeded,
    deliveriesFailed: a.deliveriesFailed + b.deliveriesFailed,
  };
}
