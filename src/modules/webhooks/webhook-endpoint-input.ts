import { z } from 'zod';
import { pageParams } from '../../db/paginate.js';

const events = z.array(z.string().min(1)).min(1, 'list at least one event type or "*"').max(100);

export const CreateEndpointInput = z.strictObject({
  url: z.string().min(1).max(2048),
  enabled_events: events,
  description: z.string().max(500).optional(),
});

export const UpdateEndpointInput = z.strictObject({
  url: z.string().min(1).max(2048).optional(),
  enabled_events: events.optional(),
  description: z.string().max(500).nullable().optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
});

export const RotateSecretInput = z.strictObject({
  /** Seconds the current secret keeps signing; 0 retires it at once. Default one day. */
  expire_current_in: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(24 * 3600),
});

export const ListDeliveriesQuery = z.strictObject({
  status: z.enum(['succeeded', 'failed']).optional().describe('Only attempts with this outcome'),
  ...pageParams,
});

export const PageQuery = z.strictObject({
  ...pageParams,
});

export type CreateEndpoint = z.output<typeof CreateEndpointInput>;
export type UpdateEndpoint = z.output<typeof UpdateEndpointInput>;
