import { dbDate, type Db } from '../../../db/orm.js';

/**
 * Deletes succeeded jobs finished before `before`, at most `batch` rows per call so the
 * write lock is never held for long. Dead jobs are kept: an operator must see them.
 * A job finishes after it was due, so `run_at < before` holds for every one of them and lets
 * the (status, run_at) index find them directly; ordering them (by finished_at, which has no
 * index) made every batch read and sort all of the week's succeeded jobs first.
 */
export async function purgeFinishedJobs(em: Db, before: Date, batch: number): Promise<number> {
  const at = dbDate(em, before);
  const result = await em.execute(
    `delete from jobs where id in (
       select id from jobs where status = 'succeeded' and run_at < ? and finished_at < ? limit ?)`,
    [at, at, batch],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
