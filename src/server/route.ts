import type { z } from 'zod';
import type { ErrorCode } from './openapi/error-codes.js';
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
  /** Which keys may call it (routes under /v1 only): secret keys by default; `publishable` admits both kinds. */
  access?: 'secret' | 'publishable';
  /** What each `:name` of the path is; the OpenAPI document refuses a route that leaves one out. */
  params?: Record<string, string>;
  /** What the handler reads itself, past the schemas (a provider's signature header, its handshake's query), and what each carries. */
  unvalidated?: { query?: Record<string, string>; headers?: Record<string, string> };
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  responses: Record<number, ResponseSpec>;
  /**
   * The error codes this route's own logic answers. The ones every route of its kind shares
   * (authentication, validation, idempotency…) are added by openapi/common-errors.ts.
   */
  errors?: readonly ErrorCode[];
  handler: (ctx: BaasContext, input: RouteInput<Body, Query>) => unknown;
}

/** `id` | `storeId` … for '/v1/orders/:id', '/hooks/x/:storeId'. */
type PathParam<Path extends string> = Path extends `${string}:${infer Param}/${infer Rest}`
  ? Param | PathParam<`/${Rest}`>
  : Path extends `${string}:${infer Param}`
    ? Param
    : never;

/** A path with parameters must say what each one is; a path without any takes no `params`. */
type ParamDocs<Path extends string> = [PathParam<Path>] extends [never] ? { params?: never } : { params: Record<PathParam<Path>, string> };

/** Keeps each route's own Body/Query types while letting lists of routes be mixed. */
export function defineRoute<Body = undefined, Query = undefined, Path extends string = string>(
  spec: RouteSpec<Body, Query> & { path: Path } & ParamDocs<Path>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}
