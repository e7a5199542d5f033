import { OptimisticLockError } from '../../db/mikro-orm.js';
import type { Orm } from '../../db/orm.js';
import type { EventType } from '../events/event-types.js';
import { recordEvent } from '../events/record-event.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Scope } from '../tenancy/scope.js';
import { advances, type MessageStatus } from './message-status.js';
import { MessageSchema, type Message } from './message.entity.js';
import { messageJson } from './message.json.js';

const LOCK_RETRIES = 5;

export type MessageFacts = Partial<
  Pick<Message, 'providerMessageId' | 'recipientId' | 'providerResponse' | 'attempts' | 'errorCode' | 'errorMessage'>
>;

export interface MessageChange {
  status: Exclude<MessageStatus, 'queued'>;
  at: Date;
  error?: { code: string; message: string };
  /** Facts learnt on the way (provider ids, the reply, attempts, the last error), kept even when the status does not move. */
  facts?: MessageFacts;
}

const STAMP = { sent: 'sentAt', delivered: 'deliveredAt', read: 'readAt', failed: 'failedAt' } as const;

/**
 * Moves a message forward and records the `message.<status>` event, in one transaction. A change
 * that would not move it forward (a repeated or late status) only keeps its facts. The send job
 * and status webhooks can race on one message: the version column makes one of them re-read.
 * Returns null when there is no such message.
 */
export async function advanceMessage(orm: Orm, jobs: JobQueue, messageId: string, change: MessageChange): Promise<Message | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await orm.em.fork().transactional(async (em) => {
        const message = await em.findOne(MessageSchema, { id: messageId }, { filters: false });
        if (!message) return null;
        const facts = Object.fromEntries(
          Object.entries(change.facts ?? {}).filter(([key, value]) => value != null && shouldKeep(message, key)),
        );
        em.assign(message, facts);
        const moves = advances(message.status, change.status);
        if (moves) {
          const previous = message.status;
          message.status = change.status;
          message[STAMP[change.status]] = change.at;
          // A message that went out after failed attempts no longer shows their error.
          message.errorCode = change.error?.code ?? null;
          message.errorMessage = change.error?.message ?? null;
          await em.flush();
          const scope: Scope = { storeId: message.store.id, mode: message.livemode ? 'live' : 'test', requestId: null };
          await recordEvent(em, jobs, scope, `message.${change.status}` as EventType, {
            object: messageJson(message),
            previousAttributes: { status: previous },
            orderId: message.orderId ?? null,
          });
        }
        return message;
      });
    } catch (error) {
      if (!(error instanceof OptimisticLockError) || attempt >= LOCK_RETRIES) throw error;
    }
  }
}

const ONCE_KNOWN = new Set(['providerMessageId', 'recipientId']);

/** A provider id, once known, is never replaced (a late duplicate must not overwrite the first). */
function shouldKeep(message: Message, key: string): boolean {
  return !ONCE_KNOWN.has(key) || message[key as keyof Message] == null;
}

/** Facts without a change of status: an attempt that failed and will be retried, and why. */
export async function recordFacts(orm: Orm, messageId: string, facts: MessageFacts): Promise<void> {
  await orm.em.fork().nativeUpdate(MessageSchema, { id: messageId }, facts, { filters: false });
}
