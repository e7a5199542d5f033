import { defineRoute, type RouteSpec } from '../../server/route.js';
import { listJson, listSchema, scopeOf } from '../../server/scope.js';
import { CreateMessageInput, ListMessagesQuery } from './message-input.js';
import { messageJson, MessageObject } from './message.json.js';
import type { MessageService } from './message.service.js';

export function messageRoutes(messages: MessageService): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/messages',
      operationId: 'createMessage',
      summary:
        'Send a template by e-mail or WhatsApp; rendered at once (a missing variable is a 400), sent in the background. `to` defaults to the order’s customer',
      tag: 'Messages',
      body: CreateMessageInput,
      errors: [
        'parameter_missing',
        'resource_missing',
        'template_not_found',
        'template_variable_missing',
        'template_variable_invalid',
        'template_invalid',
        'provider_not_configured',
      ],
      responses: { 202: { description: 'The message, queued', schema: MessageObject } },
      handler: async (ctx, { body }) => {
        ctx.status = 202;
        ctx.body = messageJson(await messages.create(scopeOf(ctx), body));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/messages',
      operationId: 'listMessages',
      summary: 'List messages, newest first',
      tag: 'Messages',
      query: ListMessagesQuery,
      responses: { 200: { description: 'A page of messages', schema: listSchema(MessageObject) } },
      handler: async (ctx, { query }) => {
        ctx.body = listJson(await messages.list(scopeOf(ctx), query), messageJson);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/messages/:id',
      operationId: 'getMessage',
      summary: 'Retrieve a message and its delivery status',
      tag: 'Messages',
      params: { id: 'The message’s id (`msg_…`)' },
      responses: { 200: { description: 'The message', schema: MessageObject } },
      handler: async (ctx, { params }) => {
        ctx.body = messageJson(await messages.get(scopeOf(ctx), params.id!));
      },
    }),
  ];
}
