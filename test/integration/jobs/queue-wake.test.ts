import { describe, expect, it } from 'vitest';
import { openTestInstance } from '../../helpers/instance.js';

describe('JobQueue wake-ups', () => {
  it('wake the runner for a job queued, not for one deduplicated away, in a transaction or not', async () => {
    const instance = await openTestInstance();
    let wakes = 0;
    instance.jobs.onWake(() => wakes++);
    const enqueue = (key: string) => instance.jobs.enqueue(instance.orm.em.fork(), 'echo', { key }, { dedupeKey: key });
    const enqueueInTransaction = (key: string) =>
      instance.orm.em.fork().transactional((tx) => instance.jobs.enqueue(tx, 'echo', { key }, { dedupeKey: key }));

    expect(await enqueue('a')).not.toBeNull();
    expect(wakes).toBe(1);
    expect(await enqueue('a')).toBeNull();
    expect(await enqueueInTransaction('a')).toBeNull();
    expect(wakes).toBe(1);
    expect(await enqueueInTransaction('b')).not.toBeNull();
    expect(wakes).toBe(2);
  });
});
