import { z } from 'zod';
import { CHANNELS } from './channel.js';
import { MESSAGE_STATUSES } from './message-status.js';
import type { Message } from './message.entity.js';

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** The `message` object of the API, webhooks and events. The HTML of an e-mail stays out: it is large and its text part says the same. */
export function messageJson(message: Message) {
  const { content } = message;
  return {
    id: message.id,
    object: 'message' as const,
    channel: message.channel,
    to: message.to,
    template: message.template,
    locale: message.locale,
    status: message.status,
    order_id: message.orderId ?? null,
    subject: content.channel === 'email' ? content.subject : null,
    text: content.text,
    attempts: message.attempts,
    provider_message_id: message.providerMessageId ?? null,
    error: message.errorCode ? { code: message.errorCode, message: message.errorMessage ?? '' } : null,
    livemode: message.livemode,
    sent_at: iso(message.sentAt),
    delivered_at: iso(message.deliveredAt),
    read_at: iso(message.readAt),
    failed_at: iso(message.failedAt),
    created_at: message.createdAt.toISOString(),
    updated_at: message.updatedAt.toISOString(),
  };
}

export const MessageObject = z.object({
  id: z.string(),
  object: z.literal('message'),
  channel: z.enum(CHANNELS),
  to: z.string(),
  template: z.string(),
  locale: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  order_id: z.string().nullable(),
  subject: z.string().nullable().describe('E-mail only'),
  text: z.string().describe('The text the customer reads (the e-mail text part, or the WhatsApp template filled in)'),
  attempts: z.number(),
  provider_message_id: z.string().nullable().describe('The e-mail Message-ID, or the WhatsApp wamid'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  livemode: z.boolean(),
  sent_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  read_at: z.string().nullable(),
  failed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
