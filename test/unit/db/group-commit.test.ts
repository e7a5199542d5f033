import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../src/db/group-commit.js';

describe('GroupCommit', () => {
  it('writes the first item at once and groups what arrives meanwhile into the next write', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit<number>(async (items) => {
      writes.push(items);
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const all = [1, 2, 3, 4].map((n) => commit.submit(n));
    await Promise.all(all);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch, and a failed batch fails exactly its own callers', async () => {
    const commit = new GroupCommit<number>(async (items) => {
      if (items.includes(3)) throw new Error('disk full');
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => commit.submit(n)));
    // [1] alone, then [2,3] fails, then [4,5].
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    await commit.settled();
    await expect(commit.submit(6)).resolves.toBeUndefined();
  });
});
