import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { listJson, listSchema, scopeOf } from '../../server/scope.js';
import { eventJson, EventObject, ListEventsQuery } from '../events/event.json.js';
import type { EventService } from '../events/event.service.js';
import { CreateEndpointInput, ListDeliveriesQuery, PageQuery, RotateSecretInput, UpdateEndpointInput } from './webhook-endpoint-input.js';
import { DeletedEndpoint, DeliveryObject, deliveryJson, EndpointObject, endpointJson } from './webhook-endpoint.json.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import type { WebhookReplayService } from './webhook-replay.service.js';

export const Redeliver = z.strictObject({ endpoint_id: z.string().min(1).optional() });
export const Redelivery = z.object({ object: z.literal('redelivery'), event_id: z.string(), endpoint_ids: z.array(z.string()) });

export function webhookRoutes(endpoints: WebhookEndpointService, events: EventService, replay: WebhookReplayService): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/webhook_endpoints',
      operationId: 'createWebhookEndpoint',
      summary: 'Register a URL for events; the answer holds its signing secret, shown only here and on rotation',
      tag: 'Webhooks',
      body: CreateEndpointInput,
      errors: ['url_invalid', 'unknown_event_type'],
      responses: { 201: { description: 'The endpoint, with `secret`', schema: EndpointObject } },
      handler: async (ctx, { body }) => {
        const { endpoint, secret } = await endpoints.create(scopeOf(ctx), body);
        ctx.status = 201;
        ctx.body = endpointJson(endpoint, secret);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/webhook_endpoints',
      operationId: 'listWebhookEndpoints',
      summary: 'List webhook endpoints, newest first',
      tag: 'Webhooks',
      query: PageQuery,
      responses: { 200: { description: 'A page of endpoints', schema: listSchema(EndpointObject) } },
      handler: async (ctx, { query }) => {
        ctx.body = listJson(await endpoints.list(scopeOf(ctx), query), (e) => endpointJson(e));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/webhook_endpoints/:id',
      operationId: 'getWebhookEndpoint',
      summary: 'Retrieve a webhook endpoint',
      tag: 'Webhooks',
      params: { id: 'The endpoint’s id (`we_…`)' },
      responses: { 200: { description: 'The endpoint', schema: EndpointObject } },
      handler: async (ctx, { params }) => {
        ctx.body = endpointJson(await endpoints.get(scopeOf(ctx), params.id!));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/webhook_endpoints/:id',
      operationId: 'updateWebhookEndpoint',
      summary: 'Change the URL, events or description, or disable/enable the endpoint',
      tag: 'Webhooks',
      params: { id: 'The endpoint’s id (`we_…`)' },
      body: UpdateEndpointInput,
      errors: ['url_invalid', 'unknown_event_type'],
      responses: { 200: { description: 'The endpoint', schema: EndpointObject } },
      handler: async (ctx, { params, body }) => {
        ctx.body = endpointJson(await endpoints.update(scopeOf(ctx), params.id!, body));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/webhook_endpoints/:id',
      operationId: 'deleteWebhookEndpoint',
      summary: 'Delete a webhook endpoint; deliveries still queued for it are dropped',
      tag: 'Webhooks',
      params: { id: 'The endpoint’s id (`we_…`)' },
      responses: { 200: { description: 'The deleted endpoint', schema: DeletedEndpoint } },
      handler: async (ctx, { params }) => {
        const endpoint = await endpoints.delete(scopeOf(ctx), params.id!);
        ctx.body = { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/webhook_endpoints/:id/rotate_secret',
      operationId: 'rotateWebhookSecret',
      summary: 'New signing secret now; the current one keeps signing beside it for expire_current_in seconds',
      tag: 'Webhooks',
      params: { id: 'The endpoint’s id (`we_…`)' },
      body: RotateSecretInput,
      responses: { 200: { description: 'The endpoint, with the new `secret`', schema: EndpointObject } },
      handler: async (ctx, { params, body }) => {
        const { endpoint, secret } = await endpoints.rotateSecret(scopeOf(ctx), params.id!, body.expire_current_in);
        ctx.body = endpointJson(endpoint, secret);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/webhook_endpoints/:id/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: 'Delivery attempts to this endpoint, newest first',
      tag: 'Webhooks',
      params: { id: 'The endpoint’s id (`we_…`)' },
      query: ListDeliveriesQuery,
      responses: { 200: { description: 'A page of attempts', schema: listSchema(DeliveryObject) } },
      handler: async (ctx, { params, query }) => {
        ctx.body = listJson(await endpoints.deliveries(scopeOf(ctx), params.id!, query), deliveryJson);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/events',
      operationId: 'listEvents',
      summary: 'List events, newest first',
      tag: 'Events',
      query: ListEventsQuery,
      responses: { 200: { description: 'A page of events', schema: listSchema(EventObject) } },
      handler: async (ctx, { query }) => {
        ctx.body = listJson(await events.list(scopeOf(ctx), query), eventJson);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/events/:id',
      operationId: 'getEvent',
      summary: 'Retrieve an event',
      tag: 'Events',
      params: { id: 'The event’s id (`evt_…`)' },
      responses: { 200: { description: 'The event', schema: EventObject } },
      handler: async (ctx, { params }) => {
        ctx.body = eventJson(await events.get(scopeOf(ctx), params.id!));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/events/:id/redeliver',
      operationId: 'redeliverEvent',
      summary: 'Send an event again, to one endpoint or to every endpoint that wants it',
      tag: 'Events',
      params: { id: 'The event’s id (`evt_…`)' },
      body: Redeliver,
      responses: { 202: { description: 'Queued', schema: Redelivery } },
      handler: async (ctx, { params, body }) => {
        const { event, endpointIds } = await replay.redeliver(scopeOf(ctx), params.id!, body.endpoint_id);
        ctx.status = 202;
        ctx.body = { object: 'redelivery', event_id: event.id, endpoint_ids: endpointIds };
      },
    }),
  ];
}
