import { inBatches } from '../../db/in-batches.js';
import { dbDate, type Orm } from '../../db/orm.js';

const BATCH = 500;

export interface PruneFilter {
  before: Date;
  storeId?: string;
}

/**
 * Events are kept until an operator prunes them (`baas events prune`): they are the record
 * of what happened. Returns how many match, deleting them unless `dryRun`.
 */
export async function pruneEvents(orm: Orm, filter: PruneFilter, dryRun: boolean): Promise<number> {
  const em = orm.em.fork();
  const where = `created_at < ?${filter.storeId ? ' and store_id = ?' : ''}`;
  const params = [dbDate(em, filter.before), ...(filter.storeId ? [filter.storeId] : [])];
  if (dryRun) {
    const [row] = await em.execute<{ n: number | string }[]>(`select count(*) as n from events where ${where}`, params);
    return Number(row?.n ?? 0);
  }
  return inBatches(BATCH, async (batch) => {
    const result = await em.execute(
      `delete from events where id in (select id from events where ${where} order by id limit ?)`,
      [...params, batch],
      'run',
    );
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  });
}
