import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { tenantFilter } from '../tenancy/scope.js';
import { CHANNELS, type RenderedEmail, type RenderedWhatsApp } from './channel.js';
import { MESSAGE_STATUSES } from './message-status.js';

/** What was rendered when the message was accepted: what is sent, on every attempt, and what the log shows. */
export type MessageContent = ({ channel: 'email' } & RenderedEmail) | ({ channel: 'whatsapp' } & RenderedWhatsApp);

/** One e-mail or WhatsApp message to one recipient, from acceptance to its last status. */
export const MessageSchema = defineEntity({
  name: 'Message',
  tableName: 'messages',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    channel: p.enum([...CHANNELS]),
    /** An e-mail address, or a phone number in E.164. */
    to: p.string().fieldName('to_address'),
    template: p.string().length(64),
    locale: p.string().length(16),
    status: p.enum([...MESSAGE_STATUSES]).default('queued'),
    orderId: p.string().nullable(),
    content: p.json<MessageContent>(),
    attempts: p.integer().default(0),
    /** The SMTP Message-ID or the WhatsApp wamid. */
    providerMessageId: p.string().nullable().index(),
    /** WhatsApp's wa_id, which may differ from `to`. */
    recipientId: p.string().nullable(),
    providerResponse: p.text().nullable(),
    errorCode: p.string().length(64).nullable(),
    errorMessage: p.text().nullable(),
    /** `<order>:<template>:<channel>` for automatic messages: each is sent once, however often its event repeats. */
    automaticKey: p.string().nullable().unique(),
    sentAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    readAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
    /** Optimistic lock: the send job and status webhooks may update one message at the same moment. */
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
  // Each list and filter walks one of these in id order (migration 17).
  indexes: [
    { properties: ['store', 'livemode', 'id'] },
    { properties: ['store', 'livemode', 'orderId', 'id'] },
    { properties: ['store', 'livemode', 'status', 'id'] },
  ],
  filters: tenantFilter,
});

export type Message = InferEntity<typeof MessageSchema>;
