import type { Transaction } from '@mikro-orm/core';
import type { Db } from '../../../db/orm.js';

/** The PostgreSQL channel on which instances tell each other that jobs were enqueued. */
export const JOBS_CHANNEL = 'baas_jobs';

/**
 * NOTIFY on the jobs channel in the caller's transaction (`trx`, or em's, or on its own):
 * PostgreSQL delivers it when that transaction commits, never if it rolls back, and only once
 * however often one transaction sends the same payload. The payload names the sender, which
 * ignores its own (it already woke its runner in process).
 */
export async function notifyRunners(em: Db, sender: string, trx: Transaction | undefined = em.getTransactionContext()): Promise<void> {
  await em.getConnection().execute('select pg_notify(?, ?)', [JOBS_CHANNEL, sender], 'all', trx);
}
