import type { z } from 'zod';
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
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: BaasContext, input: RouteInput<Body, Query>) => unknown;
}

/** Keeps each route's own Body/Query types while letting lists of routes be mixed. */
export function defineRoute<Body = undefined, Query = undefined>(spec: RouteSpec<Body, Query>): RouteSpec {
  return spec as unknown as RouteSpec;
}
