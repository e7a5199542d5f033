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
      params: { storeId: 'The store’s id (`sto_…`), as in the callback URL set in Meta’s app' },
      unvalidated: {
        query: {
          'hub.mode': '`subscribe`',
          'hub.verify_token': 'The store’s WhatsApp verify token, as set in Meta’s app',
          'hub.challenge': 'What to answer, unchanged',
        },
      },
      errors: ['verify_token_invalid'],
      responses: { 200: { description: 'The challenge, unchanged', schema: z.string(), contentType: 'text/plain' } },
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
      params: { storeId: 'The store’s id (`sto_…`), as in the callback URL set in Meta’s app' },
      unvalidated: { headers: { 'x-hub-signature-256': '`sha256=<hex HMAC of the raw body>` with the store’s WhatsApp app secret' } },
      errors: ['invalid_whatsapp_webhook', 'signature_missing', 'signature_invalid'],
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
