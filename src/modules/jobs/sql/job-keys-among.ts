import type { Transaction } from '@mikro-orm/core';
import { queryBound } from '../../../db/bound-statement.js';
import type { Db } from '../../../db/orm.js';

/**
 * Which of `keys` some job holds in `column`, among the jobs that `condition` (SQL after the key
 * test, always written in code) lets through: the one lookup behind the dedupe and queued-key checks.
 */
export async function jobKeysAmong(
  em: Db,
  column: 'dedupe_key' | 'queued_key',
  keys: string[],
  trx: Transaction | undefined,
  condition = '',
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryBound<Record<string, string>>(
    em,
    `select ${column} from jobs where ${column} in (${keys.map(() => '?').join(', ')}) ${condition}`,
    keys,
    trx,
  );
  return new Set(rows.map((row) => row[column]!));
}
