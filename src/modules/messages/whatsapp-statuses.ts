import type { Orm } from '../../db/orm.js';
import { classifyWhatsAppFailure } from '../../providers/whatsapp/classify.js';
import { parseStatusWebhook, type StatusUpdate } from '../../providers/whatsapp/status-webhook.js';
import type { Clock } from '../../shared/clock.js';
import { exponentialBackoff, type JobHandler } from '../jobs/job-handler.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { ProviderNotificationSchema } from '../notifications/provider-notification.entity.js';
import { advanceMessage } from './advance-message.js';
import { MessageSchema } from './message.entity.js';
import { PROCESS_WHATSAPP_STATUSES } from './whatsapp-inbox.js';

/**
 * Applies the status updates of a stored WhatsApp webhook to our messages: forward only, so
 * repeats and reordering change nothing, and `read` without `delivered` simply moves on. A
 * message is found by the id we sent as callback data (which we committed before sending),
 * else by its wamid, and only among the store's own messages.
 */
export function whatsAppStatusesHandler(deps: { orm: Orm; jobs: JobQueue; clock: Clock }): JobHandler {
  return {
    type: PROCESS_WHATSAPP_STATUSES,
    maxAttempts: 10,
    retryDelayMs: exponentialBackoff(1_000, 600_000),
    async run(raw, { log }) {
      const notificationId = (raw as { notification_id: string }).notification_id;
      const em = deps.orm.em.fork();
      const notification = await em.findOne(ProviderNotificationSchema, { id: notificationId });
      if (!notification || notification.status !== 'received') return;
      const storeId = notification.store.id;
      let applied = 0;
      const unknown: string[] = [];
      for (const update of parseStatusWebhook(JSON.parse(notification.body))) {
        const messageId = await findMessage(deps.orm, storeId, update);
        if (!messageId) {
          unknown.push(update.wamid);
          continue;
        }
        const moved = await advanceMessage(deps.orm, deps.jobs, messageId, {
          status: update.status,
          at: update.at,
          error: update.status === 'failed' ? failureOf(update) : undefined,
          facts: { providerMessageId: update.wamid, recipientId: update.recipientId },
        });
        if (moved?.status === update.status) applied++;
      }
      const outcome = `${applied} status update(s) applied${unknown.length ? `; no message of this store for ${unknown.join(', ')}` : ''}`;
      log.info({ notification_id: notificationId, applied, unknown: unknown.length }, 'whatsapp statuses processed');
      em.assign(notification, {
        status: applied ? 'processed' : 'ignored',
        outcome: outcome.slice(0, 1000),
        processedAt: deps.clock.now(),
      });
      await em.flush();
    },
  };
}

async function findMessage(orm: Orm, storeId: string, update: StatusUpdate): Promise<string | null> {
  const em = orm.em.fork();
  const candidates = [
    ...(update.callbackData ? [{ id: update.callbackData, store: storeId }] : []),
    { providerMessageId: update.wamid, store: storeId, channel: 'whatsapp' as const },
  ];
  for (const where of candidates) {
    const found = await em.findOne(MessageSchema, where, { filters: false, fields: ['id'] });
    if (found) return found.id;
  }
  return null;
}

function failureOf(update: StatusUpdate): { code: string; message: string } {
  const first = update.errors[0];
  if (!first) return { code: 'whatsapp_failed', message: 'WhatsApp reported the message as failed without saying why' };
  const error = classifyWhatsAppFailure({ kind: 'graph', code: first.code, message: first.message ?? first.title, details: first.details });
  return { code: error.code, message: error.message };
}
