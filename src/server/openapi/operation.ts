import type { RouteSpec } from '../route.js';
import type { JsonSchemas } from './json-schema.js';
import { parametersOf } from './parameters.js';
import { responsesOf } from './responses.js';

/** One route as an OpenAPI operation. */
export function operationOf(route: RouteSpec, schemas: JsonSchemas): object {
  if (!route.summary.trim()) throw new Error(`OpenAPI: ${route.method.toUpperCase()} ${route.path} has no summary`);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: securityOf(route),
    parameters: parametersOf(route, schemas),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemas.convert(route.body, 'input') } } } }
      : {}),
    responses: responsesOf(route, schemas),
  };
}

/** Under /v1 a key is required (a publishable one will do where the route admits it); elsewhere none is. */
function securityOf(route: RouteSpec): object[] {
  if (!route.path.startsWith('/v1/')) return [];
  return route.access === 'publishable' ? [{ publishableKey: [] }, { secretKey: [] }] : [{ secretKey: [] }];
}
