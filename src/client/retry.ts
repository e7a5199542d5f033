export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff; it doubles on every retry, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error goes to the caller. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * Whether an error answer is worth another try with the same Idempotency-Key: rate limits, a
 * first attempt still running, and server errors — unless the answer is a replay, which only
 * repeats a stored outcome that another try would repeat again.
 */
export function isRetryable(status: number, code: string | undefined, headers: Headers): boolean {
  if (headers.get('idempotent-replayed') === 'true') return false;
  return status === 429 || status >= 500 || (status === 409 && code === 'idempotency_key_in_use');
}

/** How long to wait before retry number `retry` (0-based): Retry-After when given, else exponential backoff with jitter. Null: give up. */
export function retryDelayMs(retry: number, headers: Headers | undefined, policy: RetryPolicy, now = Date.now()): number | null {
  if (retry >= policy.maxRetries) return null;
  const retryAfter = parseRetryAfter(headers?.get('retry-after') ?? null, now);
  if (retryAfter !== null) return retryAfter <= policy.maxRetryAfterMs ? retryAfter : null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** `Retry-After: 3` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT` → milliseconds from now. */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
