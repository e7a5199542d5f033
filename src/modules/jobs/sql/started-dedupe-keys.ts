import type { Transaction } from '@mikro-orm/core';
import type { Db } from '../../../db/orm.js';
import { jobKeysAmong } from './job-keys-among.js';

/** Which of these dedupe keys belong to a job that has started already (running, succeeded or dead). */
export function startedDedupeKeys(em: Db, keys: string[], trx: Transaction | undefined): Promise<Set<string>> {
  return jobKeysAmong(em, 'dedupe_key', keys, trx, "and status <> 'queued'");
}
