import { queryBound } from '../../../db/bound-statement.js';
import type { Db } from '../../../db/orm.js';
import { plainReader } from '../../../db/plain-entity.js';
import { JobSchema } from '../job.entity.js';

/**
 * When the earliest queued job is due, or null when the queue is empty. A plain statement: the
 * runner asks each time it runs out of work, dozens of times a second under load, and an ORM
 * findOne was most of what MikroORM cost the notification intake. Its status is bound rather
 * than written in the text so that the writer keeps it prepared (sqlite-statement-cache.ts):
 * a statement without parameters was prepared, run and finalized each time, three trips to
 * the driver's thread on the only writer (~1.3 ms each in the webhook bench, 40 a second).
 */
export async function nextRunAt(em: Db): Promise<Date | null> {
  const rows = await queryBound<Record<string, unknown>>(em, `select run_at from jobs where status = ? order by run_at asc limit 1`, [
    'queued',
  ]);
  return rows[0] ? plainReader(em, JobSchema)(rows[0]).runAt : null;
}
