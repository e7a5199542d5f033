import { dbDate, type Db } from '../../../db/orm.js';

/**
 * Deletes succeeded jobs finished before `before`, at most `batch` rows per call so the
 * write lock is never held for long. Dead jobs are kept: an operator must see them.
 */
export async function purgeFinishedJobs(em: Db, before: Date, batch: number): Promise<number> {
  const result = await em.execute(
    `delete from jobs where id in (select id from jobs where status = 'succeeded' and finished_at < ? order by finished_at limit ?)`,
    [dbDate(em, before), batch],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
