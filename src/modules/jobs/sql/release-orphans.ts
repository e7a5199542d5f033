import { dbDate, type Db } from '../../../db/orm.js';

/**
 * Puts back in the queue the running jobs whose worker `isOrphaned` says is gone, to run now.
 * The interrupted run still counts as an attempt: it may have had its effect.
 */
export async function releaseOrphans(em: Db, isOrphaned: (owner: string) => boolean, now: Date): Promise<number> {
  const owners = await em.execute<{ lease_owner: string }[]>(
    "select distinct lease_owner from jobs where status = 'running' and lease_owner is not null",
  );
  const dead = owners.map((row) => row.lease_owner).filter(isOrphaned);
  if (dead.length === 0) return 0;
  const result = await em.execute(
    `update jobs set status = 'queued', run_at = ?, lease_owner = null, lease_expires_at = null, updated_at = ?
      where status = 'running' and lease_owner in (${dead.map(() => '?').join(', ')})`,
    [dbDate(em, now), dbDate(em, now), ...dead],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
