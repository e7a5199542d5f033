import { AppError, type ErrorType } from '../shared/errors.js';

export interface ErrorBody {
  error: { type: ErrorType; code: string; message: string; param?: string; request_id: string };
}

interface HttpishError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

/**
 * Maps anything thrown while serving a request to the contract's one error shape. Our own
 * AppErrors pass through; the few errors Koa and its body parser raise are translated; the rest
 * is a bug and says nothing about itself beyond the request id.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as HttpishError;
  const status = e.status ?? e.statusCode;
  switch (status) {
    case 400:
      return new AppError(
        400,
        'invalid_request_error',
        'bad_request',
        e.expose && e.message ? e.message : 'The request could not be read.',
      );
    case 404:
      return new AppError(404, 'not_found_error', 'route_not_found', 'No such route.');
    case 405:
      return new AppError(
        405,
        'invalid_request_error',
        'method_not_allowed',
        'This method is not allowed on this path; see the Allow header.',
      );
    case 501:
      return new AppError(501, 'invalid_request_error', 'method_not_implemented', 'This method is not implemented.');
    default:
      return new AppError(500, 'api_error', 'internal_error', 'Something went wrong on our side. Quote the request id when you report it.');
  }
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  return {
    error: {
      type: error.type,
      code: error.code,
      message: error.message,
      ...(error.param ? { param: error.param } : {}),
      request_id: requestId,
    },
  };
}
