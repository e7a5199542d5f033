import { dbDate, type Db } from '../../../db/orm.js';

/**
 * Claims tick `tick` of `task` for `instance`: true for the one instance that moves the task's
 * row forward to this tick, false for every other (that tick already ran, or a later one did).
 * One statement, so concurrent claims are settled by the row's uniqueness, not by timing.
 */
export async function claimTick(em: Db, task: string, tick: Date, instance: string): Promise<boolean> {
  const rows = await em.execute(
    `insert into cron_ticks (task, tick, instance) values (?, ?, ?)
     on conflict (task) do update set tick = excluded.tick, instance = excluded.instance
      where cron_ticks.tick < excluded.tick
     returning task`,
    [task, dbDate(em, tick), instance],
    'all',
  );
  return rows.length === 1;
}
