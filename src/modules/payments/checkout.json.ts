import { z } from 'zod';
import type { Checkout } from './checkout.entity.js';

/** The `checkout` object of the API. */
export function checkoutJson(checkout: Checkout) {
  return {
    id: checkout.id,
    object: 'checkout' as const,
    order_id: checkout.orderId,
    url: checkout.url,
    provider: checkout.provider,
    provider_preference_id: checkout.providerPreferenceId,
    expires_at: checkout.expiresAt?.toISOString() ?? null,
    livemode: checkout.livemode,
    created_at: checkout.createdAt.toISOString(),
  };
}

export const CheckoutObject = z.object({
  id: z.string(),
  object: z.literal('checkout'),
  order_id: z.string(),
  url: z.string(),
  provider: z.string(),
  provider_preference_id: z.string(),
  expires_at: z.string().nullable(),
  livemode: z.boolean(),
  created_at: z.string(),
});
