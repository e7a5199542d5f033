import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import type { MercadoPagoInbox } from './mercadopago-inbox.js';

/** What every /hooks route answers once a notification is stored. */
export const Received = z.object({ received: z.literal(true), id: z.string() });

export function hookRoutes(inbox: MercadoPagoInbox): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/hooks/mercadopago/:storeId',
      operationId: 'receiveMercadoPagoNotification',
      summary:
        'Mercado Pago notifications (Webhooks body with ?data.id=&type=, or legacy IPN ?topic=&id=); signed with x-signature when the store has a webhook secret',
      tag: 'Hooks',
      responses: {
        200: { description: 'Stored; it is processed right after', schema: Received },
      },
      handler: async (ctx, { params }) => {
        const id = await inbox.receive({
          storeId: params.storeId!,
          query: ctx.query,
          body: ctx.request.body ?? {},
          rawQuery: ctx.querystring,
          rawBody: typeof ctx.request.rawBody === 'string' ? ctx.request.rawBody : '',
          signature: ctx.get('x-signature') || undefined,
          requestId: ctx.get('x-request-id') || undefined,
        });
        ctx.body = { received: true, id };
      },
    }),
  ];
}
