import type { Transaction } from '@mikro-orm/core';
import type { Db } from '../../../db/orm.js';
import { jobKeysAmong } from './job-keys-among.js';

/**
 * PostgreSQL: locks the queued jobs holding these queued keys until the caller's transaction
 * ends, and returns the keys it found still queued. A runner's claim skips a locked job (SKIP
 * LOCKED), so none of them starts before that transaction commits. Rows are locked in key
 * order, so two transactions holding some of the same jobs never wait on each other in a circle.
 */
export function holdQueuedJobs(em: Db, keys: string[], trx: Transaction | undefined): Promise<Set<string>> {
  return jobKeysAmong(em, 'queued_key', keys, trx, "and status = 'queued' order by queued_key for update");
}
