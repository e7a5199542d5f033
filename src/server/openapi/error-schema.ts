import { z } from 'zod';
import type { ErrorType } from '../../shared/errors.js';

const ERROR_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'invalid_state_error',
  'idempotency_error',
  'rate_limit_error',
  'provider_error',
  'api_error',
] as const satisfies readonly ErrorType[];

/** The contract's one error shape (errorBody in error-response.ts writes it). */
export const ErrorSchema = z.object({
  error: z.object({
    type: z.enum(ERROR_TYPES),
    code: z.string().describe('Stable, snake_case; see the codes each operation lists'),
    message: z.string().describe('For the developer; may change'),
    param: z.string().optional().describe('The field at fault, e.g. `items[0].quantity`'),
    request_id: z.string().describe('Equals the response’s X-Request-Id'),
  }),
});
