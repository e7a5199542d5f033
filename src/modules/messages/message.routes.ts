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
      responses: { 200: { description: 'The message', schema: MessageObject } },
      handler: async (ctx, { params }) => {
        ctx.body = messageJson(await messages.get(scopeOf(ctx), params.id!));
      },
    }),
  ];
}
