import { describe, expect, it } from 'vitest';
import { checkEventPatterns, matchesEvent } from '../../../src/modules/webhooks/event-patterns.js';

describe('event patterns', () => {
  it('match everything, a resource, or one type', () => {
    expect(matchesEvent(['*'], 'refund.failed')).toBe(true);
    expect(matchesEvent(['payment.*'], 'payment.approved')).toBe(true);
    expect(matchesEvent(['payment.*'], 'order.paid')).toBe(false);
    expect(matchesEvent(['order.paid'], 'order.paid')).toBe(true);
    expect(matchesEvent(['order.paid'], 'order.paid_extra')).toBe(false);
  });

  it('accept known names only, and drop repeats', () => {
    expect(checkEventPatterns(['order.*', 'order.*', 'message.read'])).toEqual(['order.*', 'message.read']);
    expect(() => checkEventPatterns(['payment.approved', 'payment.aproved'])).toThrow(
      expect.objectContaining({ param: 'enabled_events[1]' }),
    );
    expect(() => checkEventPatterns(['*.*'])).toThrow(expect.objectContaining({ code: 'unknown_event_type' }));
  });
});
