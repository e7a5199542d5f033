/**
 * Errors are values: every failure we expect carries the contract's `type`, a stable `code`
 * and the HTTP status it maps to. The HTTP layer and the CLI render these, and only these;
 * anything else is a bug and becomes `api_error`.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'invalid_state_error'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'provider_error'
  | 'api_error';

export interface AppErrorOptions {
  param?: string;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly param?: string;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.param = options.param;
    this.headers = options.headers ?? {};
  }
}

export const invalidRequest = (code: string, message: string, param?: string) =>
  new AppError(400, 'invalid_request_error', code, message, { param });

export const unauthenticated = (code: string, message: string) => new AppError(401, 'authentication_error', code, message);

export const forbidden = (code: string, message: string) => new AppError(403, 'permission_error', code, message);

export const notFound = (code: string, message: string) => new AppError(404, 'not_found_error', code, message);

export const invalidState = (code: string, message: string) => new AppError(409, 'invalid_state_error', code, message);

/** 429 with the Retry-After (whole seconds, at least 1) a well-behaved client waits for. */
export const tooManyRequests = (code: string, message: string, retryAfterMs: number) =>
  new AppError(429, 'rate_limit_error', code, message, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } });

/**
 * A problem the operator must fix before anything can run: bad configuration, an unusable
 * data dir or database. Each problem is one line naming the key, what is wrong and the fix.
 */
export class SetupError extends Error {
  constructor(
    readonly problems: string[],
    readonly exitCode: number,
  ) {
    super(problems.join('\n'));
    this.name = 'SetupError';
  }
}

/** sysexits(3): EX_CONFIG for configuration errors, EX_UNAVAILABLE/EX_CANTCREAT for the rest. */
export const EXIT = { config: 78, unavailable: 69, cantCreate: 73, software: 70 } as const;
