import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../../src/shared/ttl-cache.js';

describe('TtlCache', () => {
  it('loads once per key while fresh, again once expired, and starts over past its bound', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<string>(1000, () => now, 2);
    const load = (value: string) => async () => {
      loads++;
      return value;
    };
    expect(await cache.get('a', load('a1'))).toBe('a1');
    now = 999;
    expect(await cache.get('a', load('a2'))).toBe('a1');
    now = 1000;
    expect(await cache.get('a', load('a3'))).toBe('a3');
    await cache.get('b', load('b1'));
    await cache.get('c', load('c1')); // a third key: the cache starts over
    expect(await cache.get('a', load('a4'))).toBe('a4');
    expect(loads).toBe(5);
  });
});
