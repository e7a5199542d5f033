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
      params: { storeId: 'The store’s id (`sto_…`), as in the notification URL baas gives Mercado Pago' },
      unvalidated: {
        query: {
          'data.id': 'Webhooks format: the id of the resource that changed',
          type: 'Webhooks format: its topic, e.g. `payment`',
          topic: 'Legacy IPN: the topic, e.g. `payment` or `merchant_order`',
          id: 'Legacy IPN: the id of the resource',
        },
        headers: {
          'x-signature': 'Mercado Pago’s `ts=…,v1=…` signature (Webhooks format; required when the store has a webhook secret)',
          'x-request-id': 'Mercado Pago’s request id, part of the signed manifest',
        },
      },
      errors: ['invalid_notification', 'signature_missing', 'signature_invalid', 'signature_expired'],
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
