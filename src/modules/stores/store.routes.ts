import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../server/route.js';
import { scopeOf } from '../../server/scope.js';
import type { StoreService } from './store.service.js';

export const PublicConfig = z.object({ mercadopago_public_key: z.string().nullable(), currency: z.string(), locale: z.string() });
export const StoreObject = z.object({
  id: z.string(),
  object: z.literal('store'),
  name: z.string(),
  currency: z.string(),
  locale: z.string(),
  timezone: z.string(),
  livemode: z.boolean(),
});

export function storeRoutes(stores: StoreService): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/public/config',
      operationId: 'getPublicConfig',
      summary: "What a browser needs: the store's Mercado Pago public key (for Bricks), currency and locale",
      tag: 'Public',
      access: 'publishable',
      responses: { 200: { description: 'Public configuration', schema: PublicConfig } },
      handler: async (ctx) => {
        const { store, mode } = ctx.state.auth!;
        const credentials = await stores.credentials(store.id, mode);
        ctx.body = {
          mercadopago_public_key: credentials['mercadopago.public_key'] ?? null,
          currency: store.currency,
          locale: store.locale,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/store',
      operationId: 'getStore',
      summary: 'The store this key belongs to (a quick way to check a key works)',
      tag: 'Stores',
      responses: { 200: { description: 'The store', schema: StoreObject } },
      handler: (ctx) => {
        const { store } = ctx.state.auth!;
        ctx.body = {
          id: store.id,
          object: 'store',
          name: store.name,
          currency: store.currency,
          locale: store.locale,
          timezone: store.timezone,
          livemode: scopeOf(ctx).mode === 'live',
        };
      },
    }),
  ];
}
