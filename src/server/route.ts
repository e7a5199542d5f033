import { z } from 'zod';
import { invalidRequest } from '../shared/errors.js';
import type { BaasContext } from './context.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteInput<Body, Query> {
  body: Body;
  query: Query;
  params: Record<string, string>;
}

/**
 * One route: how it is served and how it is documented, declared together so /openapi.json
 * cannot drift from what the server does. Bodies and queries are validated by their zod schemas
 * before the handler runs.
 */
export interface RouteSpec<Body = unknown, Query = unknown> {
  method: HttpMethod;
  /** Koa-style path, e.g. /v1/orders/:id */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: BaasContext, input: RouteInput<Body, Query>) => unknown;
}

/** Keeps each route's own Body/Query types while letting lists of routes be mixed. */
export function defineRoute<Body = undefined, Query = undefined>(spec: RouteSpec<Body, Query>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query'): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const param = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
  const message = issue.code === 'unrecognized_keys' ? `Unknown field ${param} in the ${where}.` : `${param || where}: ${issue.message}`;
  throw invalidRequest(issue.code === 'unrecognized_keys' ? 'unknown_parameter' : 'parameter_invalid', message, param || undefined);
}
