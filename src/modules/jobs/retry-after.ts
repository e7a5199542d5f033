/**
 * Thrown by a handler that knows when its next attempt should run (a webhook's schedule, or a
 * receiver's Retry-After), overriding the handler's default backoff. With `deferOnly` the run
 * did not really happen (e.g. the endpoint was busy), so it does not count as an attempt.
 */
export class RetryAfter extends Error {
  readonly deferOnly: boolean;

  constructor(
    message: string,
    readonly delayMs: number,
    options: { deferOnly?: boolean } = {},
  ) {
    super(message);
    this.name = 'RetryAfter';
    this.deferOnly = options.deferOnly ?? false;
  }
}
