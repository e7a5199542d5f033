import type { RouteSpec } from '../route.js';
import type { ErrorCode } from './error-codes.js';

const WITH_BODY = new Set(['post', 'patch', 'put']);

/**
 * The errors a route answers because of where it sits rather than what it does: the middleware
 * in front of it (body parsing, key authentication and rate limits, idempotency) and the
 * validation of its declared body and query. Its own codes come from RouteSpec.errors.
 */
export function commonErrors(route: RouteSpec): ErrorCode[] {
  const api = route.path.startsWith('/v1/');
  const hook = route.path.startsWith('/hooks/');
  const codes: ErrorCode[] = [];
  if (WITH_BODY.has(route.method)) {
    codes.push('invalid_json', 'body_too_large', 'unsupported_encoding');
    // Providers post what they post; only the API insists on application/json.
    if (!hook) codes.push('unsupported_media_type');
  }
  if (route.body || route.query) codes.push('unknown_parameter', 'parameter_invalid');
  if (api) {
    codes.push('api_key_missing', 'api_key_invalid', 'store_disabled', 'rate_limit_exceeded', 'too_many_failed_authentications');
    if (route.access !== 'publishable') codes.push('secret_key_required');
    if (route.method === 'post') codes.push('idempotency_key_invalid', 'idempotency_key_in_use', 'idempotency_key_reused');
  }
  if (hook) codes.push('rate_limit_exceeded');
  // An id in the path may name nothing this store and mode can see.
  if ((api || hook) && route.path.includes('/:')) codes.push('resource_missing');
  codes.push('internal_error');
  return codes;
}
