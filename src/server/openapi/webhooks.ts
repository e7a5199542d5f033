import { EVENT_TYPES, type EventType } from '../../modules/events/event-types.js';
import { webhookPayloadSchema } from '../../modules/events/webhook-payload.js';
import type { JsonSchemas } from './json-schema.js';
import { ref } from './shared-components.js';

/** The `webhooks` section: what baas POSTs to an endpoint for each event type it subscribed to. */
export function webhooksOf(schemas: JsonSchemas): Record<string, object> {
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, { post: webhookOperation(type, schemas) }]));
}

function webhookOperation(type: EventType, schemas: JsonSchemas): object {
  const [family, change] = type.split('.') as [string, string];
  const article = /^[aeiou]/.test(family) ? 'An' : 'A';
  return {
    operationId: `webhook_${type.replace('.', '_')}`,
    summary: change === 'created' ? `${article} ${family} was created` : `${article} ${family}’s status became ${change}`,
    description: `\`data.object\` is the ${family} as it is after the change; \`data.previous_attributes\` holds what the change replaced.`,
    tags: ['Webhooks'],
    security: [],
    parameters: [ref('parameters', 'WebhookId'), ref('parameters', 'WebhookTimestamp'), ref('parameters', 'WebhookSignature')],
    requestBody: { required: true, content: { 'application/json': { schema: schemas.convert(webhookPayloadSchema(type), 'output') } } },
    responses: {
      '2XX': { description: 'Received. Answer within 15 s; anything else is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h.' },
      '410': { description: 'Gone: the endpoint is disabled at once and nothing more is sent to it.' },
    },
  };
}
