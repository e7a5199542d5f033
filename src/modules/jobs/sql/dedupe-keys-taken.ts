import type { Transaction } from '@mikro-orm/core';
import type { Db } from '../../../db/orm.js';

/** Which of these dedupe keys a job already has, whatever became of it (they are used once, ever). */
export async function dedupeKeysTaken(em: Db, keys: string[], trx: Transaction | undefined): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await em
    .getConnection()
    .execute<
      { dedupe_key: string }[]
    >(`select dedupe_key from jobs where dedupe_key in (${keys.map(() => '?').join(', ')})`, keys, 'all', trx);
  return new Set(rows.map((row) => row.dedupe_key));
}
