import { inBatches } from '../../../db/in-batches.js';
import { dbDate, type Db } from '../../../db/orm.js';

/**
 * Deletes the delivery attempts that started before `before`, `batch` rows per statement so
 * the write lock is never held for long. Returns how many.
 */
export async function purgeAttempts(em: Db, before: Date, batch: number): Promise<number> {
  const stores = await em.execute<{ id: string }[]>('select id from stores');
  let purged = 0;
  for (const { id } of stores) {
    for (const livemode of [false, true]) purged += await inBatches(batch, (size) => purgeOf(em, id, livemode, before, size));
  }
  return purged;
}

/**
 * Asked per store and mode, the (store_id, livemode, started_at, status) index finds exactly
 * the rows to delete; asked for all stores, ordered by started_at, every batch read and sorted
 * the whole table first.
 */
async function purgeOf(em: Db, storeId: string, livemode: boolean, before: Date, batch: number): Promise<number> {
  const result = await em.execute(
    `delete from webhook_deliveries where id in (
       select id from webhook_deliveries where store_id = ? and livemode = ? and started_at < ? limit ?)`,
    [storeId, livemode, dbDate(em, before), batch],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
