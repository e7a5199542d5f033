import type { Transaction } from '@mikro-orm/core';
import type { Db } from '../../../db/orm.js';

/** Which of these dedupe keys belong to a job that has started already (running, succeeded or dead). */
export async function startedDedupeKeys(em: Db, keys: string[], trx: Transaction | undefined): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await em
    .getConnection()
    .execute<
      { dedupe_key: string }[]
    >(`select dedupe_key from jobs where dedupe_key in (${keys.map(() => '?').join(', ')}) and status <> 'queued'`, keys, 'all', trx);
  return new Set(rows.map((row) => row.dedupe_key));
}
