import type { Db } from '../../../db/orm.js';
import { plainReader } from '../../../db/plain-entity.js';
import { JobSchema } from '../job.entity.js';

/**
 * When the earliest queued job is due, or null when the queue is empty. A plain statement: the
 * runner asks after every drain, hundreds of times a second under load, and an ORM findOne
 * was most of what MikroORM cost the notification intake.
 */
export async function nextRunAt(em: Db): Promise<Date | null> {
  const rows = await em
    .getConnection()
    .execute<Record<string, unknown>[]>(`select run_at from jobs where status = 'queued' order by run_at asc limit 1`, [], 'all');
  return rows[0] ? plainReader(em, JobSchema)(rows[0]).runAt : null;
}
