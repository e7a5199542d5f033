import { z } from 'zod';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** The `webhook_endpoint` object; `secret` only in the answers that create or rotate it. */
export function endpointJson(endpoint: WebhookEndpoint, secret?: string) {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint' as const,
    url: endpoint.url,
    description: endpoint.description ?? null,
    enabled_events: endpoint.enabledEvents,
    status: endpoint.status,
    disabled_reason: endpoint.disabledReason ?? null,
    livemode: endpoint.livemode,
    last_success_at: endpoint.lastSuccessAt?.toISOString() ?? null,
    failing_since: endpoint.failingSince?.toISOString() ?? null,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
    ...(secret ? { secret } : {}),
  };
}

export function deliveryJson(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    object: 'webhook_delivery' as const,
    endpoint_id: delivery.endpointId,
    event_id: delivery.eventId,
    attempt: delivery.attempt,
    trigger: delivery.trigger,
    status: delivery.status,
    status_code: delivery.statusCode ?? null,
    duration_ms: delivery.durationMs,
    response_excerpt: delivery.responseExcerpt ?? null,
    error_class: delivery.errorClass ?? null,
    error: delivery.error ?? null,
    next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
    started_at: delivery.startedAt.toISOString(),
    livemode: delivery.livemode,
  };
}

export const EndpointObject = z.object({
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  url: z.string(),
  description: z.string().nullable(),
  enabled_events: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  disabled_reason: z.string().nullable(),
  livemode: z.boolean(),
  last_success_at: z.string().nullable(),
  failing_since: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  secret: z.string().optional().describe('whsec_…: only when created or rotated'),
});

/** What DELETE /v1/webhook_endpoints/:id answers. */
export const DeletedEndpoint = z.object({ id: z.string(), object: z.literal('webhook_endpoint'), deleted: z.literal(true) });

export const DeliveryObject = z.object({
  id: z.string(),
  object: z.literal('webhook_delivery'),
  endpoint_id: z.string(),
  event_id: z.string(),
  attempt: z.number(),
  trigger: z.enum(['scheduled', 'manual', 'replay']),
  status: z.enum(['succeeded', 'failed']),
  status_code: z.number().nullable(),
  duration_ms: z.number(),
  response_excerpt: z.string().nullable(),
  error_class: z.string().nullable(),
  error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  started_at: z.string(),
  livemode: z.boolean(),
});
