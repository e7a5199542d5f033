import type { Orm } from '../../db/orm.js';
import type { Logger } from '../../runtime/logger.js';
import type { TickCoordinator } from './scheduler.js';
import { claimTick } from './sql/claim-tick.js';

/** Session advisory locks, held by the instance across a task's run. */
export interface TaskLocks {
  tryLock(name: string): Promise<boolean>;
  unlock(name: string): Promise<void>;
}

/**
 * How instances sharing a PostgreSQL database run each shared periodic task once per tick: the
 * one whose claim of the tick wins (claimTick) runs it. It also holds the task's advisory lock
 * while it runs, so a run that outlasts its interval (a long reconciliation) is not joined by
 * the next tick's run on another instance: that tick is skipped. Any failure to decide skips
 * the tick (fail closed): a periodic task missing one tick is harmless, running twice is not.
 */
export function clusterTicks(orm: Orm, locks: TaskLocks, instance: string, logger: Logger): TickCoordinator {
  return {
    async acquire(task, tick) {
      const lock = `baas:cron:${task}`;
      let locked = false;
      try {
        locked = await locks.tryLock(lock);
        if (locked && (await claimTick(orm.em.fork(), task, tick, instance))) return () => locks.unlock(lock).catch(() => undefined);
      } catch (error) {
        logger.warn({ task, tick: tick.toISOString(), err: error }, 'could not decide which instance runs this tick; skipping it');
      }
      if (locked) await locks.unlock(lock).catch(() => undefined);
      return null;
    },
  };
}
