import type { RouteSpec } from '../route.js';
import type { JsonSchemas, JsonSchema } from './json-schema.js';
import { ref } from './shared-components.js';

/** Path parameters (described by the route), query parameters (from its query schema), what the handler reads itself, and the shared headers. */
export function parametersOf(route: RouteSpec, schemas: JsonSchemas): object[] {
  const path = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: described(route, `path parameter :${name}`, route.params?.[name!]),
    schema: { type: 'string' },
  }));
  const query = route.query ? queryParameters(route, schemas.convert(route.query, 'input')) : [];
  const unvalidated = (['query', 'headers'] as const).flatMap((place) =>
    Object.entries(route.unvalidated?.[place] ?? {}).map(([name, description]) => ({
      name,
      in: place === 'query' ? 'query' : 'header',
      required: false,
      description,
      schema: { type: 'string' },
    })),
  );
  const shared = [ref('parameters', 'RequestId')];
  if (route.path.startsWith('/v1/') && route.method === 'post') shared.push(ref('parameters', 'IdempotencyKey'));
  return [...path, ...query, ...unvalidated, ...shared];
}

function queryParameters(route: RouteSpec, schema: JsonSchema): object[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      description: described(route, `query parameter ${name}`, description as string | undefined),
      schema: rest,
    };
  });
}

/** An undocumented parameter stops the document from being built: the completeness test then fails. */
function described(route: RouteSpec, what: string, description: string | undefined): string {
  if (!description) throw new Error(`OpenAPI: ${route.method.toUpperCase()} ${route.path} has no description for its ${what}`);
  return description;
}
