import type { Db } from '../../../db/orm.js';
import { JobSchema } from '../job.entity.js';

/** When the earliest queued job is due, or null when the queue is empty. */
export async function nextRunAt(em: Db): Promise<Date | null> {
  const next = await em.findOne(JobSchema, { status: 'queued' }, { orderBy: { runAt: 'asc' }, fields: ['runAt'] });
  return next?.runAt ?? null;
}
