import type { Db } from '../../db/orm.js';
import { newId } from '../../shared/ids.js';
import { recordEvent } from '../events/record-event.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { ownership, type Scope } from '../tenancy/scope.js';
import type { ChannelName } from './channel.js';
import { MessageSchema, type Message, type MessageContent } from './message.entity.js';
import { messageJson } from './message.json.js';

export const SEND_MESSAGE = 'message.send';
/** About a day of backoff (30 s doubling to 2 h): long enough for a mail server or Meta to come back. */
export const SEND_ATTEMPTS = 12;

export interface NewMessage {
  channel: ChannelName;
  to: string;
  template: string;
  locale: string;
  orderId: string | null;
  content: MessageContent;
  automaticKey?: string;
}

/**
 * The outbox step of a message: the row, its `message.queued` event and the job that sends it,
 * in the caller's transaction. Nothing goes out before they commit.
 */
export async function queueMessage(em: Db, jobs: JobQueue, scope: Scope, fields: NewMessage): Promise<Message> {
  const message = em.create(MessageSchema, { id: newId('msg'), ...ownership(scope), ...fields, automaticKey: fields.automaticKey ?? null });
  await em.flush();
  await recordEvent(em, jobs, scope, 'message.queued', { object: messageJson(message), orderId: message.orderId ?? null });
  await jobs.enqueue(
    em,
    SEND_MESSAGE,
    { message_id: message.id },
    { storeId: scope.storeId, subjectId: message.id, dedupeKey: `msg:${message.id}`, maxAttempts: SEND_ATTEMPTS },
  );
  return message;
}

/**
 * A message that could not even be rendered or routed (a template without a variable it needs,
 * a channel the store has not configured) is still recorded, as failed with the reason: an
 * automatic message that silently never happened is what an operator cannot debug.
 */
export async function recordUnsendable(
  em: Db,
  jobs: JobQueue,
  scope: Scope,
  fields: Omit<NewMessage, 'content'>,
  problem: { code: string; message: string },
): Promise<Message> {
  const content: MessageContent =
    fields.channel === 'email'
      ? { channel: 'email', subject: '', html: '', text: '' }
      : { channel: 'whatsapp', name: fields.template, languageCode: '', parameters: [], text: '' };
  const message = em.create(MessageSchema, {
    id: newId('msg'),
    ...ownership(scope),
    ...fields,
    content,
    automaticKey: fields.automaticKey ?? null,
    status: 'failed',
    errorCode: problem.code,
    errorMessage: problem.message,
    failedAt: new Date(),
  });
  await em.flush();
  await recordEvent(em, jobs, scope, 'message.failed', { object: messageJson(message), orderId: message.orderId ?? null });
  return message;
}
