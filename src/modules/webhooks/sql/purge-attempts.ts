import { dbDate, type Db } from '../../../db/orm.js';

/** Deletes delivery attempts that started before `before`, `batch` rows at a time. */
export async function purgeAttempts(em: Db, before: Date, batch: number): Promise<number> {
  const result = await em.execute(
    'delete from webhook_deliveries where id in (select id from webhook_deliveries where started_at < ? order by started_at limit ?)',
    [dbDate(em, before), batch],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
