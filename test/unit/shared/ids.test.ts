import { describe, expect, it } from 'vitest';
import { isId, newId } from '../../../src/shared/ids.js';

describe('newId', () => {
  it('makes prefixed ids that sort in creation order', () => {
    const ids = Array.from({ length: 1000 }, () => newId('ord'));
    expect(ids.every((id) => isId(id, 'ord'))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells ids of one kind from another', () => {
    expect(isId(newId('pay'), 'ord')).toBe(false);
    expect(isId('ord_short', 'ord')).toBe(false);
  });
});
