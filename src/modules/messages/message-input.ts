import { z } from 'zod';
import { pageParams } from '../../db/paginate.js';
import { PhoneNumber } from '../orders/order-input.js';
import { CHANNELS } from './channel.js';
import { MESSAGE_STATUSES } from './message-status.js';

const common = {
  template: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a template name such as order_paid'),
  locale: z
    .string()
    .regex(/^(es|pt|en)(-[A-Z]{2})?$/, 'must be es, pt-BR, en or a regional variant')
    .optional(),
  order_id: z.string().min(1).optional(),
  /** Merged over what the order provides; the caller's values win. */
  data: z
    .record(z.string(), z.unknown())
    .refine((data) => JSON.stringify(data).length <= 64 * 1024, 'must be at most 64 KiB of JSON')
    .default({}),
};

/** `to` may be left out when `order_id` names an order with the customer's address or phone. */
export const CreateMessageInput = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), to: z.email().max(254).optional(), ...common }),
  z.strictObject({ channel: z.literal('whatsapp'), to: PhoneNumber.optional(), ...common }),
]);

export type CreateMessage = z.output<typeof CreateMessageInput>;

export const ListMessagesQuery = z.strictObject({
  order_id: z.string().min(1).optional().describe('Only messages about this order'),
  status: z.enum(MESSAGE_STATUSES).optional().describe('Only messages in this status'),
  channel: z.enum(CHANNELS).optional().describe('Only e-mail or only WhatsApp'),
  ...pageParams,
});

export type ListMessages = z.output<typeof ListMessagesQuery>;
