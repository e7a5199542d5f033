import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from '../../../src/modules/jobs/job-handler.js';

describe('exponentialBackoff', () => {
  it('doubles from the base up to the cap', () => {
    const exact = exponentialBackoff(1000, 60_000, () => 0.5);
    expect([1, 2, 3, 4, 7, 20].map(exact)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000]);
  });

  it('spreads retries by ±10%', () => {
    expect(exponentialBackoff(1000, 60_000, () => 0)(1)).toBe(900);
    expect(exponentialBackoff(1000, 60_000, () => 0.999999)(1)).toBe(1100);
  });
});
