import type { Orm } from '../../db/orm.js';
import { AppError } from '../../shared/errors.js';
import { EventSchema } from '../events/event.entity.js';
import { exponentialBackoff, type JobHandler } from '../jobs/job-handler.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { OrderSchema } from '../orders/order.entity.js';
import type { paymentJson } from '../payments/payment.json.js';
import { StoreSchema } from '../stores/store.entity.js';
import { scopedEm, type Scope } from '../tenancy/scope.js';
import { CHANNELS } from './channel.js';
import { MessageSchema } from './message.entity.js';
import { recipientOf } from './message.service.js';
import type { MessageTargets } from './message-targets.js';
import { queueMessage, recordUnsendable } from './queue-message.js';
import { renderMessage } from './render-message.js';
import type { MessageRenderer } from './renderer.js';
import { templateContext } from './template-context.js';
import { SEND_AUTOMATIC } from './automatic-triggers.js';

/**
 * Writes the automatic messages an event calls for: one per channel the order's `notify`
 * enables and has an address for. Each is keyed by (order, template, channel), so however often
 * this runs, each goes out once. Rendered in the customer's locale with the event's own copy of
 * the payment (the Pix code it had then).
 */
export function automaticMessagesHandler(deps: {
  orm: Orm;
  jobs: JobQueue;
  targets: MessageTargets;
  renderer: MessageRenderer;
}): JobHandler {
  return {
    type: SEND_AUTOMATIC,
    maxAttempts: 5,
    retryDelayMs: exponentialBackoff(5_000, 600_000),
    async run(raw, { log }) {
      const { event_id: eventId, template } = raw as { event_id: string; template: string };
      const event = await deps.orm.em.fork().findOne(EventSchema, { id: eventId }, { filters: false });
      if (!event?.orderId) return;
      const scope: Scope = { storeId: event.store.id, mode: event.livemode ? 'live' : 'test', requestId: event.requestId ?? null };
      const em = scopedEm(deps.orm, scope);
      const order = await em.findOne(OrderSchema, { id: event.orderId });
      const store = await em.findOneOrFail(StoreSchema, { id: scope.storeId });
      if (!order) return;
      const payment = event.type.startsWith('payment.') ? (event.data.object as ReturnType<typeof paymentJson>) : null;
      for (const channel of CHANNELS) {
        const to = recipientOf(order, channel);
        if (!order.notify[channel] || !to) continue;
        const automaticKey = `${order.id}:${template}:${channel}`;
        if ((await em.count(MessageSchema, { automaticKey })) > 0) continue;
        const fields = { channel, to, template, locale: order.customer.locale ?? store.locale, orderId: order.id, automaticKey };
        try {
          const content = await renderMessage(deps.renderer, deps.targets, {
            store,
            mode: scope.mode,
            ...fields,
            data: templateContext({ store, order, payment }),
          });
          await em.transactional((tx) => queueMessage(tx, deps.jobs, scope, { ...fields, content }));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          log.warn({ order_id: order.id, template, channel, code: error.code }, `automatic message not sendable: ${error.message}`);
          await em.transactional((tx) => recordUnsendable(tx, deps.jobs, scope, fields, { code: error.code, message: error.message }));
        }
      }
    },
  };
}
