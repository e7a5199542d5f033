import type { Db } from '../../../db/orm.js';

/** Per store, the end of its last rolled-up day: where the next roll-up starts. */
export async function rolledUpUntil(em: Db): Promise<Map<string, Date>> {
  const rows = await em.execute<{ store_id: string; ends_at: number | string }[]>(
    'select store_id, max(ends_at) as ends_at from usage_days group by store_id',
  );
  return new Map(rows.map((row) => [row.store_id, new Date(row.ends_at)]));
}
