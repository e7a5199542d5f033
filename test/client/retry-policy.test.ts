import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from '../../src/client/retry.js';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);

describe('retry policy', () => {
  it('retries rate limits, server errors and a key still in use; not other answers nor replays', () => {
    expect(isRetryable(429, 'rate_limit_exceeded', headers())).toBe(true);
    expect(isRetryable(503, undefined, headers())).toBe(true);
    expect(isRetryable(409, 'idempotency_key_in_use', headers())).toBe(true);
    expect(isRetryable(409, 'order_not_cancellable', headers())).toBe(false);
    expect(isRetryable(400, 'parameter_invalid', headers())).toBe(false);
    expect(isRetryable(502, 'mp_http_500', headers({ 'idempotent-replayed': 'true' }))).toBe(false);
  });

  it('waits what Retry-After says, in seconds or as a date, and gives up past the cap', () => {
    const now = Date.parse('2026-03-12T14:00:00Z');
    expect(retryDelayMs(0, headers({ 'retry-after': '3' }), DEFAULT_RETRY_POLICY, now)).toBe(3000);
    expect(retryDelayMs(0, headers({ 'retry-after': 'Thu, 12 Mar 2026 14:00:05 GMT' }), DEFAULT_RETRY_POLICY, now)).toBe(5000);
    expect(retryDelayMs(0, headers({ 'retry-after': '3600' }), DEFAULT_RETRY_POLICY, now)).toBeNull();
  });

  it('backs off exponentially with jitter, capped, for as many retries as allowed', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 10 };
    for (const [retry, ceiling] of [
      [0, 500],
      [1, 1000],
      [3, 4000],
      [8, 8000],
    ] as const) {
      const delay = retryDelayMs(retry, headers(), policy)!;
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
    expect(retryDelayMs(DEFAULT_RETRY_POLICY.maxRetries, headers(), DEFAULT_RETRY_POLICY)).toBeNull();
  });
});
