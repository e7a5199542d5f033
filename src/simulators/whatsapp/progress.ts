import type { Sim } from './context.js';
import { statusError, statusPayload } from './status-payload.js';
import type { MessageStatus, PhoneNumberRegistration, SentMessage, StatusError, StatusEvent } from './state.js';

/** Records a status on the message and sends its webhook (when the number has a webhook URL). */
export function emitStatus(
  sim: Sim,
  registration: PhoneNumberRegistration,
  message: SentMessage,
  status: MessageStatus,
  errors?: StatusError[],
): StatusEvent {
  const event: StatusEvent = { status, timestamp: String(Math.floor(Date.now() / 1000)), ...(errors ? { errors } : {}) };
  message.statuses.push(event);
  if (registration.webhook_url) {
    const target = { url: registration.webhook_url, appSecret: registration.app_secret };
    sim.webhooks.send(target, message.id, status, statusPayload(registration, message, event));
  }
  return event;
}

/**
 * What happens to an accepted message by itself: sent → delivered → read at the configured
 * delays (read without delivered when told to), or, for a number that cannot receive, a late
 * `failed` with 131026 — the way Meta usually reports it. Starts once `responded` resolves, so
 * a webhook never beats the response that gave the wamid; the config is read at acceptance.
 */
export function progress(
  sim: Sim,
  registration: PhoneNumberRegistration,
  message: SentMessage,
  undeliverable: boolean,
  responded: Promise<void>,
) {
  const { autoProgress, delaysMs, skipDelivered } = sim.state.config;
  if (!autoProgress) return;
  const plan: [MessageStatus, number][] = undeliverable
    ? [['failed', delaysMs.sent]]
    : [
        ['sent', delaysMs.sent],
        ...(skipDelivered ? [] : [['delivered', delaysMs.delivered] as [MessageStatus, number]]),
        ['read', delaysMs.read],
      ];
  sim.pending.track(async () => {
    await responded;
    let elapsed = 0;
    for (const [status, at] of plan) {
      await sim.pending.sleep(Math.max(0, at - elapsed));
      elapsed = Math.max(elapsed, at);
      emitStatus(sim, registration, message, status, status === 'failed' ? [statusError(131026, 'Message Undeliverable.')] : undefined);
    }
  });
}
