import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../src/server/openapi.js';
import type { RouteSpec } from '../../../src/server/route.js';

const INFO = { version: 'test', serverUrl: 'http://127.0.0.1:4000' };
const ok = { 200: { description: 'OK', schema: z.object({ ok: z.boolean() }) } };

/** A route spec as a module would declare it, with `changes` applied; handlers never run here. */
const route = (changes: Partial<RouteSpec>): RouteSpec => ({
  method: 'get',
  path: '/v1/things',
  operationId: 'listThings',
  summary: 'List things',
  tag: 'Things',
  responses: ok,
  handler: () => undefined,
  ...changes,
});

describe('buildOpenApi refuses an undocumented route', () => {
  it('builds a documented one', () => {
    expect(() => buildOpenApi([route({ path: '/v1/things/:id', params: { id: 'The thing' } })], INFO)).not.toThrow();
  });

  it.each([
    ['a path parameter without a description', { path: '/v1/things/:id' }, /no description for its path parameter :id/],
    [
      'a query field without a description',
      { query: z.strictObject({ colour: z.string().optional() }) },
      /no description for its query parameter colour/,
    ],
    ['an empty summary', { summary: ' ' }, /has no summary/],
    ['an error status declared as a plain response', { responses: { ...ok, 401: { description: 'nope' } } }, /declares 401 both/],
  ])('%s', (_label, changes, message) => {
    expect(() => buildOpenApi([route(changes as Partial<RouteSpec>)], INFO)).toThrow(message);
  });
});
