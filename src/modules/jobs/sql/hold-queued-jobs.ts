import type { Transaction } from '@mikro-orm/core';
import type { Db } from '../../../db/orm.js';

/**
 * PostgreSQL: locks the queued jobs holding these queued keys until the caller's transaction
 * ends, and returns the keys it found still queued. A runner's claim skips a locked job (SKIP
 * LOCKED), so none of them starts before that transaction commits. Rows are locked in key
 * order, so two transactions holding some of the same jobs never wait on each other in a circle.
 */
export async function holdQueuedJobs(em: Db, keys: string[], trx: Transaction | undefined): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await em
    .getConnection()
    .execute<
      { queued_key: string }[]
    >(`select queued_key from jobs where queued_key in (${keys.map(() => '?').join(', ')}) and status = 'queued' order by queued_key for update`, keys, 'all', trx);
  return new Set(rows.map((row) => row.queued_key));
}
