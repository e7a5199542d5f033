import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../src/modules/events/event-types.js';
import { ERROR_CODES } from '../../../src/server/openapi/error-codes.js';
import type { RouteSpec } from '../../../src/server/route.js';
import { createTenant } from '../../helpers/api.js';
import { json, startTestServer } from '../../helpers/server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

async function servedDocument(): Promise<{ document: Doc; routes: RouteSpec[] }> {
  const server = await startTestServer();
  return { document: await json(await server.request('/openapi.json')), routes: server.routes };
}

const openApiPath = (route: RouteSpec) => route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
const statuses = (operation: Doc) => Object.keys(operation.responses).map(Number);
/** The error codes an operation documents for one status. */
const codesAt = (operation: Doc, status: number): string[] =>
  Object.keys(operation.responses[status]?.content['application/json'].examples ?? {});

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const { document } = await servedDocument();
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every mounted route, and nothing else', async () => {
    const { document, routes } = await servedDocument();
    const documented = Object.entries(document.paths as Record<string, Doc>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method.toUpperCase()} ${openApiPath(route)}`).sort());
  });

  it('gives every operation a summary, described parameters, its answers and its errors', async () => {
    const { document, routes } = await servedDocument();
    for (const route of routes) {
      const operation = document.paths[openApiPath(route)][route.method];
      const where = `${route.method.toUpperCase()} ${route.path}`;
      expect(operation.summary, where).toBeTruthy();
      expect(operation.operationId, where).toBe(route.operationId);
      const parameters = operation.parameters.filter((p: Doc) => !p.$ref);
      for (const parameter of parameters) expect(parameter.description, `${where} ${parameter.name}`).toBeTruthy();
      const named = (place: string) => parameters.filter((p: Doc) => p.in === place).map((p: Doc) => p.name);
      expect(named('path'), where).toEqual([...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]));
      if (route.query) expect(named('query'), where).toEqual(Object.keys((route.query as unknown as { shape: object }).shape));

      const success = statuses(operation).filter((status) => status < 300);
      expect(success.length, where).toBeGreaterThan(0);
      for (const status of statuses(operation)) {
        const response = operation.responses[status];
        expect(response.description, `${where} ${status}`).toBeTruthy();
        expect(response.headers['X-Request-Id'], `${where} ${status}`).toEqual({ $ref: '#/components/headers/XRequestId' });
        if (status >= 400 && status !== 503) {
          expect(response.content['application/json'].schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
          for (const code of codesAt(operation, status)) expect(ERROR_CODES[code as keyof typeof ERROR_CODES].status).toBe(status);
        }
      }
      expect(codesAt(operation, 500), where).toEqual(['internal_error']);
      for (const code of route.errors ?? []) expect(codesAt(operation, ERROR_CODES[code].status), where).toContain(code);
    }
  });

  it('documents the errors the server really answers, on every /v1 route', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const document = await json(await server.request('/openapi.json'));
    for (const route of server.routes.filter((r) => r.path.startsWith('/v1/'))) {
      const operation = document.paths[openApiPath(route)][route.method];
      const path = route.path.replace(/:[A-Za-z_]+/g, 'ord_unknown');
      const withBody = route.method === 'post' || route.method === 'patch';
      for (const key of [null, keys.publishable, keys.test]) {
        const response = await server.request(path, {
          method: route.method.toUpperCase(),
          headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(withBody ? { 'content-type': 'application/json' } : {}) },
          body: withBody ? '{}' : undefined,
        });
        if (response.ok) continue;
        const { error } = await json(response);
        expect(codesAt(operation, response.status), `${route.method.toUpperCase()} ${path} → ${response.status} ${error.code}`).toContain(
          error.code,
        );
      }
    }
  });

  it('lists the errors each kind of route shares: keys, validation, idempotency, missing ids', async () => {
    const { document } = await servedDocument();
    const createOrder = document.paths['/v1/orders'].post;
    expect(codesAt(createOrder, 401)).toEqual(['api_key_missing', 'api_key_invalid']);
    expect(codesAt(createOrder, 403)).toEqual(['store_disabled', 'secret_key_required']);
    expect(codesAt(createOrder, 400)).toEqual(
      expect.arrayContaining(['invalid_json', 'unknown_parameter', 'parameter_invalid', 'idempotency_key_invalid']),
    );
    expect(codesAt(createOrder, 409)).toEqual(['idempotency_key_in_use', 'external_id_exists']);
    expect(codesAt(createOrder, 422)).toEqual(['idempotency_key_reused']);
    expect(createOrder.responses[429].headers['Retry-After']).toBeDefined();
    expect(createOrder.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(createOrder.responses[201].headers['Idempotent-Replayed']).toBeDefined();
    expect(createOrder.security).toEqual([{ secretKey: [] }]);

    const getOrder = document.paths['/v1/orders/{id}'].get;
    expect(codesAt(getOrder, 404)).toEqual(['resource_missing']);
    expect(statuses(getOrder)).not.toContain(400);
    expect(getOrder.parameters).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });

    const publicConfig = document.paths['/v1/public/config'].get;
    expect(publicConfig.security).toEqual([{ publishableKey: [] }, { secretKey: [] }]);
    expect(codesAt(publicConfig, 403)).toEqual(['store_disabled']);

    expect(document.paths['/healthz'].get.security).toEqual([]);
    expect(statuses(document.paths['/healthz'].get)).toEqual([200, 500]);
    const mercadoPago = document.paths['/hooks/mercadopago/{storeId}'].post;
    expect(codesAt(mercadoPago, 401)).toEqual(['signature_missing', 'signature_invalid', 'signature_expired']);
    expect(mercadoPago.parameters.map((p: Doc) => p.name ?? p.$ref)).toEqual(
      expect.arrayContaining(['storeId', 'data.id', 'type', 'topic', 'id', 'x-signature', 'x-request-id']),
    );
    const handshake = document.paths['/hooks/whatsapp/{storeId}'].get;
    expect(handshake.parameters.filter((p: Doc) => p.in === 'query').map((p: Doc) => p.name)).toEqual([
      'hub.mode',
      'hub.verify_token',
      'hub.challenge',
    ]);
  });

  it('takes query parameters from the query schema that validates them', async () => {
    const { document } = await servedDocument();
    const parameters = document.paths['/v1/orders'].get.parameters.filter((p: Doc) => p.in === 'query');
    expect(parameters.map((p: Doc) => p.name)).toEqual(['status', 'external_id', 'customer_email', 'limit', 'starting_after']);
    expect(parameters[0].schema.enum).toEqual(['pending', 'paid', 'partially_refunded', 'refunded', 'cancelled', 'disputed']);
    expect(parameters[3].schema).toEqual({ default: 20, type: 'integer', minimum: 1, maximum: 100 });
  });

  it('names the API objects once, with an example, and refers to them everywhere', async () => {
    const { document } = await servedDocument();
    const { schemas } = document.components;
    for (const name of [
      'Order',
      'Payment',
      'Refund',
      'Checkout',
      'Event',
      'WebhookEndpoint',
      'WebhookDelivery',
      'Message',
      'Store',
      'PublicConfig',
    ]) {
      expect(schemas[name].examples, name).toHaveLength(1);
    }
    expect(document.paths['/v1/orders/{id}'].get.responses[200].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Order',
    });
    expect(document.paths['/v1/orders'].get.responses[200].content['application/json'].schema.properties.data.items).toEqual({
      $ref: '#/components/schemas/Order',
    });
    expect(document.paths['/v1/orders'].post.requestBody.content['application/json'].schema.examples[0]).toMatchObject({
      external_id: 'web-1042',
    });
  });

  it('describes every webhook: its payload with the right object, and the signature headers', async () => {
    const { document } = await servedDocument();
    expect(Object.keys(document.webhooks)).toEqual([...EVENT_TYPES]);
    const objectOf = (type: string) =>
      document.webhooks[type].post.requestBody.content['application/json'].schema.properties.data.properties.object;
    expect(objectOf('order.paid')).toEqual({ $ref: '#/components/schemas/Order' });
    expect(objectOf('payment.approved')).toEqual({ $ref: '#/components/schemas/Payment' });
    expect(objectOf('refund.failed')).toEqual({ $ref: '#/components/schemas/Refund' });
    expect(objectOf('message.read')).toEqual({ $ref: '#/components/schemas/Message' });
    const paid = document.webhooks['order.paid'].post;
    expect(paid.requestBody.content['application/json'].schema.properties.type).toEqual({ type: 'string', const: 'order.paid' });
    expect(paid.parameters.map((p: Doc) => document.components.parameters[p.$ref.split('/').pop()].name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
  });
});
