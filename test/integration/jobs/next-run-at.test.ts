import { describe, expect, it } from 'vitest';
import { nextRunAt } from '../../../src/modules/jobs/sql/next-run-at.js';
import { openTestInstance } from '../../helpers/instance.js';

// What the runner sleeps until when it runs out of work: a wrong answer is a job that waits
// for the next sweep instead of running on time.
describe('nextRunAt', () => {
  it('is null for an empty queue, then the earliest queued job’s due time, not a finished one’s', async () => {
    const instance = await openTestInstance();
    const em = instance.orm.em.fork();
    expect(await nextRunAt(em)).toBeNull();

    const soon = new Date(Date.now() + 60_000);
    const later = new Date(Date.now() + 120_000);
    const earlier = new Date(Date.now() - 60_000);
    const done = await instance.orm.em.fork().transactional(async (tx) => {
      await instance.jobs.enqueue(tx, 'echo', { n: 1 }, { runAt: later });
      await instance.jobs.enqueue(tx, 'echo', { n: 2 }, { runAt: soon });
      return instance.jobs.enqueue(tx, 'echo', { n: 3 }, { runAt: earlier });
    });
    await em.getConnection().execute(`update jobs set status = 'succeeded' where id = ?`, [done]);

    const due = await nextRunAt(em);
    expect(due).toBeInstanceOf(Date);
    expect(due!.getTime()).toBe(soon.getTime());
  });
});
