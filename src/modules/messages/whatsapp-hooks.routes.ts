import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { Received } from '../notifications/hooks.routes.js';
import type { WhatsAppInbox } from './whatsapp-inbox.js';


export function whatsAppHookRoutes(inbox: WhatsAppInbox): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/hooks/whatsapp/:storeId',
      operationId: 'verifyWhatsAppWebhook',
      summary: 'Meta’s subscription handshake: answers hub.challenge when hub.verify_token is the store’s verify token',
      tag: 'Hooks',
      responses: {
        200: { description: 'The challenge, unchanged', schema: z.string(), contentType: 'text/plain' },
        403: { description: 'Wrong mode or verify token' },
      },
      handler: async (ctx, { params }) => {
        ctx.type = 'text/plain';
        ctx.body = await inbox.handshake(params.storeId!, ctx.query);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/hooks/whatsapp/:storeId',
      operationId: 'receiveWhatsAppWebhook',
      summary: 'WhatsApp status webhooks, signed with X-Hub-Signature-256 over the raw body; stored, then applied to messages',
      tag: 'Hooks',
      responses: { 200: { description: 'Stored; it is processed right after', schema: Received } },
      handler: async (ctx, { params }) => {
        const id = await inbox.receive({
          storeId: params.storeId!,
          rawBody: typeof ctx.request.rawBody === 'string' ? ctx.request.rawBody : '',
          body: ctx.request.body ?? {},
          signature: ctx.get('x-hub-signature-256') || undefined,
        });
        ctx.body = { received: true, id };
      },
    }),
  ];
}
