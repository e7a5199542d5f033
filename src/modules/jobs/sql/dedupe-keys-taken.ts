import type { Transaction } from '@mikro-orm/core';
import type { Db } from '../../../db/orm.js';
import { jobKeysAmong } from './job-keys-among.js';

/** Which of these dedupe keys a job already has, whatever became of it (they are used once, ever). */
export function dedupeKeysTaken(em: Db, keys: string[], trx: Transaction | undefined): Promise<Set<string>> {
  return jobKeysAmong(em, 'dedupe_key', keys, trx);
}
