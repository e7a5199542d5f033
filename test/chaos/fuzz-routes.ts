/** A route as /openapi.json describes it: what the fuzzer needs to aim at it. */
export interface FuzzRoute {
  method: string;
  /** OpenAPI style: /v1/orders/{id} */
  path: string;
  pathParams: string[];
  query: string[];
  /** The request body's documented example, when it has one. */
  example?: unknown;
  /** Wants an API key (everything under /v1). */
  keyed: boolean;
}

interface Operation {
  parameters?: { name?: string; in?: string }[];
  requestBody?: { content?: Record<string, { schema?: { examples?: unknown[] } }> };
}

/** Every operation of the server's own OpenAPI document, which is generated from the routes it serves. */
export function routesOf(document: { paths: Record<string, Record<string, Operation>> }): FuzzRoute[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      return {
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name!),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name!),
        example: operation.requestBody?.content?.['application/json']?.schema?.examples?.[0],
        keyed: path.startsWith('/v1/'),
      };
    }),
  );
}

/** Real ids, so that a request reaches the handler's logic and not only the 404 for an unknown id. */
export interface Fixtures {
  order: string;
  payment: string;
  providerPayment: string;
  endpoint: string;
  event: string;
  message: string;
  store: string;
}

export function validParam(path: string, param: string, fixtures: Fixtures): string {
  if (param === 'storeId') return fixtures.store;
  const collection = /^\/v1\/(\w+)\/\{/.exec(path)?.[1];
  const byCollection: Record<string, string> = {
    orders: fixtures.order,
    payments: fixtures.payment,
    webhook_endpoints: fixtures.endpoint,
    events: fixtures.event,
    messages: fixtures.message,
  };
  return byCollection[collection ?? ''] ?? 'unknown';
}
