import { STATUS_CODES } from 'node:http';
import type { RouteSpec } from '../route.js';
import { commonErrors } from './common-errors.js';
import { componentRef } from './components.js';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import type { JsonSchemas } from './json-schema.js';
import { ref } from './shared-components.js';

/** The route's own answers, then one response per error status listing every code it can carry. */
export function responsesOf(route: RouteSpec, schemas: JsonSchemas): Record<string, object> {
  const replayable = route.path.startsWith('/v1/') && route.method === 'post';
  const responses: Record<string, object> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      headers: {
        'X-Request-Id': ref('headers', 'XRequestId'),
        ...(replayable ? { 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') } : {}),
      },
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: schemas.convert(response.schema, 'output') } } }
        : {}),
    };
  }
  for (const [status, codes] of byStatus([...commonErrors(route), ...(route.errors ?? [])])) {
    if (responses[status])
      throw new Error(`OpenAPI: ${route.method.toUpperCase()} ${route.path} declares ${status} both as a response and as errors`);
    responses[status] = errorResponse(status, codes);
  }
  return responses;
}

function byStatus(codes: ErrorCode[]): Map<number, ErrorCode[]> {
  const groups = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = ERROR_CODES[code];
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}

function errorResponse(status: number, codes: ErrorCode[]): object {
  return {
    description: [`${STATUS_CODES[status]}:`, ...codes.map((code) => `- \`${code}\`: ${ERROR_CODES[code].when}`)].join('\n'),
    headers: { 'X-Request-Id': ref('headers', 'XRequestId'), ...(status === 429 ? { 'Retry-After': ref('headers', 'RetryAfter') } : {}) },
    content: {
      'application/json': {
        schema: componentRef('Error'),
        examples: Object.fromEntries(codes.map((code) => [code, { $ref: `#/components/examples/${errorExampleName(code)}` }])),
      },
    },
  };
}

/** Component names allow only `A-Z a-z 0-9 . _ -`: `mp_<cause code>` → `mp_cause_code`. */
export const errorExampleName = (code: ErrorCode) => code.replace(/[<>]/g, '').replaceAll(' ', '_');

/** One example error body per code, referenced by every response that can carry it. */
export function errorExamples(): Record<string, object> {
  return Object.fromEntries(
    Object.entries(ERROR_CODES).map(([code, { type, when }]) => [
      errorExampleName(code as ErrorCode),
      { summary: when, value: { error: { type, code, message: when, request_id: 'req_01jp3k7d2f8q9r4s5t6v7w8x9y' } } },
    ]),
  );
}
