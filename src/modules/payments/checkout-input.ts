import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);

export const CreateCheckoutInput = z.strictObject({
  /** Where the buyer lands after paying; display only, the payment arrives by notification. */
  success_url: httpUrl.optional(),
  failure_url: httpUrl.optional(),
  pending_url: httpUrl.optional(),
  /** When the link stops taking payments; 24 hours from now when absent. */
  expires_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-12-01T18:00:00Z' }).optional(),
});

export type CreateCheckout = z.output<typeof CreateCheckoutInput>;
