import { bodyParser } from '@koa/bodyparser';
import type { Next } from 'koa';
import { AppError } from '../../shared/errors.js';
import type { BaasContext } from '../context.js';

export const BODY_LIMIT = '1mb';
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * JSON only, at most 1 MiB, raw bytes kept on ctx.request.rawBody for signature checks.
 * A body in any other content type is refused (415) rather than silently ignored.
 */
export function jsonBody() {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: BODY_LIMIT,
    jsonStrict: true,
    encoding: 'utf-8',
    onError: (error) => {
      throw bodyError(error as Error & { status?: number; type?: string });
    },
  });
  return async (ctx: BaasContext, next: Next) => {
    if (METHODS_WITH_BODY.has(ctx.method) && hasBody(ctx) && !ctx.is('application/json', '+json')) {
      // Providers post what they post (legacy IPN may send a form); the query names the resource.
      if (ctx.path.startsWith('/hooks/')) return next();
      throw new AppError(
        415,
        'invalid_request_error',
        'unsupported_media_type',
        'Send the body as JSON with Content-Type: application/json.',
      );
    }
    await parse(ctx, next);
  };
}

function hasBody(ctx: BaasContext): boolean {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
}

function bodyError(error: Error & { status?: number; type?: string }): AppError {
  if (error.status === 413) {
    return new AppError(
      413,
      'invalid_request_error',
      'body_too_large',
      `The request body is larger than ${BODY_LIMIT.replace('mb', ' MiB')}.`,
    );
  }
  if (error.status === 415) {
    return new AppError(415, 'invalid_request_error', 'unsupported_encoding', 'Send the body as uncompressed UTF-8 JSON.');
  }
  return new AppError(
    400,
    'invalid_request_error',
    'invalid_json',
    'The request body is not valid JSON (an object or an array was expected).',
  );
}
