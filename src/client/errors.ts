import type { ErrorBody } from '../server/error-response.js';
import type { ErrorType } from '../shared/errors.js';

type ApiErrorFields = Omit<ErrorBody['error'], 'request_id'> & { request_id?: string };

/** An error answer of the API, with every field of the contract's error shape and the HTTP status. */
export class BaasError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string;
  readonly param?: string;
  /** Equals the response's X-Request-Id: quote it when you report a problem. */
  readonly requestId?: string;
  readonly headers: Headers;

  constructor(status: number, body: ApiErrorFields, headers: Headers) {
    super(body.message);
    this.name = new.target.name;
    this.status = status;
    this.type = body.type;
    this.code = body.code;
    this.param = body.param;
    this.requestId = body.request_id;
    this.headers = headers;
  }
}

export class InvalidRequestError extends BaasError {}
export class AuthenticationError extends BaasError {}
export class PermissionError extends BaasError {}
export class NotFoundError extends BaasError {}
export class InvalidStateError extends BaasError {}
export class IdempotencyError extends BaasError {}
export class RateLimitError extends BaasError {}
export class ProviderError extends BaasError {}
export class ApiError extends BaasError {}

/** The request never got an answer (connection refused or reset, DNS, timeout), even after the retries. */
export class BaasConnectionError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'BaasConnectionError';
  }
}

const CLASSES: Record<ErrorType, typeof BaasError> = {
  invalid_request_error: InvalidRequestError,
  authentication_error: AuthenticationError,
  permission_error: PermissionError,
  not_found_error: NotFoundError,
  invalid_state_error: InvalidStateError,
  idempotency_error: IdempotencyError,
  rate_limit_error: RateLimitError,
  provider_error: ProviderError,
  api_error: ApiError,
};

/** The typed exception for an error answer; one not in the contract's shape (a proxy's page) becomes an ApiError. */
export function errorFromResponse(status: number, body: unknown, headers: Headers): BaasError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (error && typeof error.type === 'string' && typeof error.code === 'string' && error.type in CLASSES) {
    return new CLASSES[error.type](status, error, headers);
  }
  const fields = { type: 'api_error' as const, code: `http_${status}`, message: `HTTP ${status} without an API error body` };
  return new ApiError(status, { ...fields, request_id: headers.get('x-request-id') ?? undefined }, headers);
}
