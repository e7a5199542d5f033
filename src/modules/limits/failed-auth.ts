import { TokenBuckets } from './token-bucket.js';

/** Failed authentications one client address may make: 10 at once, then one every 6 s. */
const FAILURES_BURST = 10;
const FAILURES_PER_SECOND = 1 / 6;

/**
 * Slows key guessing: every failed authentication spends a token of the caller's address; an
 * address with none left is refused before its key is even looked at.
 */
export class FailedAuthLimiter {
  private readonly buckets = new TokenBuckets(FAILURES_PER_SECOND, FAILURES_BURST);
  private readonly blockedUntil = new Map<string, number>();

  /** Milliseconds this address must still wait, or 0. */
  blockedFor(address: string, nowMs: number): number {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return 0;
    if (until <= nowMs) {
      this.blockedUntil.delete(address);
      return 0;
    }
    return until - nowMs;
  }

  recordFailure(address: string, nowMs: number): void {
    const verdict = this.buckets.take(address, nowMs);
    if (!verdict.allowed) this.blockedUntil.set(address, nowMs + verdict.retryAfterMs);
  }
}
