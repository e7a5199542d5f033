import type { RouteSpec } from './route.js';
import { COMPONENT_NAMES } from './openapi/components.js';
import { ErrorSchema } from './openapi/error-schema.js';
import { JsonSchemas } from './openapi/json-schema.js';
import { OBJECT_EXAMPLES } from './openapi/object-examples.js';
import { operationOf } from './openapi/operation.js';
import { REQUEST_EXAMPLES } from './openapi/request-examples.js';
import { errorExamples } from './openapi/responses.js';
import { HEADERS, PARAMETERS, SECURITY_SCHEMES } from './openapi/shared-components.js';
import { webhooksOf } from './openapi/webhooks.js';

const DESCRIPTION = `Self-hosted e-commerce backend: orders, Mercado Pago payments, signed webhooks and messages.

- **Keys**: \`Authorization: Bearer sk_test_…\` (or \`sk_live_…\`) on every \`/v1\` call; its store and mode scope everything.
  Publishable keys (\`pk_…\`) may call only \`GET /v1/public/config\`.
- **Idempotency**: send \`Idempotency-Key\` on every POST and retry with the same key and body without fear of doing it twice.
- **Errors**: always \`{"error":{"type","code","message","param"?,"request_id"}}\`; each operation lists the codes it can answer.
- **Lists**: \`?limit=\` (1–100, default 20) and \`?starting_after=<id>\`, newest first, \`has_more\` says whether to go on.
- **Webhooks**: what baas sends your endpoints is in \`webhooks\`, signed per Standard Webhooks.`;

const TAGS = [
  { name: 'Orders', description: 'What the buyer is paying for; its status follows its payments.' },
  { name: 'Checkout', description: 'Mercado Pago Checkout Pro links: the hosted page takes the payment.' },
  { name: 'Payments', description: 'Payments by card token (Bricks) or Pix, their refunds, cancellation and re-reading.' },
  { name: 'Events', description: 'Every state change, in order, as it was sent to webhook endpoints.' },
  { name: 'Webhooks', description: 'Endpoints that receive events, their deliveries, and the events themselves as sent.' },
  { name: 'Messages', description: 'Transactional e-mail and WhatsApp from templates.' },
  { name: 'Stores', description: 'The key’s own store.' },
  { name: 'Public', description: 'What a browser may read with a publishable key.' },
  { name: 'Hooks', description: 'Where Mercado Pago and Meta notify baas; not for storefronts.' },
  { name: 'Operations', description: 'Health, readiness, metrics and this document.' },
];

/** The OpenAPI 3.1 document of every mounted route and every webhook, built from the same specs and schemas that serve them. */
export function buildOpenApi(routes: RouteSpec[], info: { version: string; serverUrl: string }): object {
  const schemas = new JsonSchemas(COMPONENT_NAMES, new Map([...OBJECT_EXAMPLES, ...REQUEST_EXAMPLES]));
  schemas.convert(ErrorSchema, 'output');
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    (paths[path] ??= {})[route.method] = operationOf(route, schemas);
  }
  const webhooks = webhooksOf(schemas);
  return {
    openapi: '3.1.0',
    info: { title: 'baas API', version: info.version, description: DESCRIPTION },
    servers: [{ url: info.serverUrl }],
    tags: TAGS,
    paths,
    webhooks,
    components: {
      schemas: schemas.components,
      securitySchemes: SECURITY_SCHEMES,
      parameters: PARAMETERS,
      headers: HEADERS,
      examples: errorExamples(),
    },
  };
}
