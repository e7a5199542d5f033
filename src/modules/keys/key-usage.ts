import type { Orm } from '../../db/orm.js';
import { dbDate } from '../../db/orm.js';
import type { PeriodicTask } from '../jobs/scheduler.js';

/**
 * Remembers when each key was last used and writes it in one batch every few seconds, so the
 * request path never waits on a write for bookkeeping.
 */
export class KeyUsage {
  private readonly pending = new Map<string, Date>();

  touch(keyId: string, at: Date): void {
    this.pending.set(keyId, at);
  }

  async flush(orm: Orm): Promise<number> {
    if (this.pending.size === 0) return 0;
    const batch = [...this.pending];
    this.pending.clear();
    const em = orm.em.fork();
    await em.transactional(async (tx) => {
      for (const [id, at] of batch) {
        await tx.execute('update api_keys set last_used_at = ? where id = ?', [dbDate(tx, at), id], 'run');
      }
    });
    return batch.length;
  }

  task(orm: Orm): PeriodicTask {
    return { name: 'key-usage-flush', schedule: '*/15 * * * * *', run: () => this.flush(orm) };
  }
}
