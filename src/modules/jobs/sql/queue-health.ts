import { dbDate, type Db } from '../../../db/orm.js';

export interface QueueCounts {
  /** Queued jobs whose run_at has come. */
  due: number;
  /** The run_at of the oldest of them, or null when none is due. */
  oldestDueAt: Date | null;
  dead: number;
  running: number;
}

/**
 * The queue's vital signs in one round trip. Each sub-select walks the (status, run_at) index,
 * so the succeeded jobs kept for a week cost nothing.
 */
export async function queueCounts(em: Db, now: Date): Promise<QueueCounts> {
  const nowValue = dbDate(em, now);
  const [row] = await em.execute<{ due: unknown; oldest_due_at: unknown; dead: unknown; running: unknown }[]>(
    `select
       (select count(*) from jobs where status = 'queued' and run_at <= ?) as due,
       (select min(run_at) from jobs where status = 'queued' and run_at <= ?) as oldest_due_at,
       (select count(*) from jobs where status = 'dead') as dead,
       (select count(*) from jobs where status = 'running') as running`,
    [nowValue, nowValue],
    'all',
  );
  return {
    due: Number(row?.due ?? 0),
    oldestDueAt: toDate(row?.oldest_due_at),
    dead: Number(row?.dead ?? 0),
    running: Number(row?.running ?? 0),
  };
}

/** A raw timestamp as the driver returns it: a Date (PostgreSQL) or epoch milliseconds (SQLite). */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
  return new Date(String(value));
}
