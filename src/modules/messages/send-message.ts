import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { exponentialBackoff, type JobHandler } from '../jobs/job-handler.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { RetryAfter } from '../jobs/retry-after.js';
import { advanceMessage, recordFacts } from './advance-message.js';
import { ChannelError, type EmailSend, type MessageChannel, type SendOutcome, type WhatsAppSend } from './channel.js';
import { PROBE_EVERY_MS, type ChannelKey, type ChannelPauses } from './channel-pauses.js';
import { MessageSchema, type Message } from './message.entity.js';
import type { MessageTargets } from './message-targets.js';
import { SEND_ATTEMPTS, SEND_MESSAGE } from './queue-message.js';
import type { ActivityLog } from '../activity/activity-log.js';
import { traceAlso } from '../activity/trace.js';
import { performance } from 'node:perf_hooks';
import { redactField } from '../../shared/redact.js';

export interface Channels {
  email: MessageChannel<EmailSend>;
  whatsapp: MessageChannel<WhatsAppSend>;
}

export interface SendDeps {
  orm: Orm;
  jobs: JobQueue;
  targets: MessageTargets;
  pauses: ChannelPauses;
  channels: Channels;
  clock: Clock;
  activity: ActivityLog;
}

/**
 * WhatsApp has no idempotency key: after an unanswered send, wait this long for a status webhook
 * carrying our id (which settles the message) before sending again (reference §1, §4).
 */
export const UNKNOWN_OUTCOME_WAIT_MS = 120_000;

/**
 * Sends one queued message and settles it: sent; failed for good (permanent refusal, or out of
 * attempts); retried with backoff; or held without spending an attempt while its channel is
 * paused for a configuration problem. A message that is no longer queued was sent by an
 * earlier run of this job (a worker can die after the effect): nothing is sent twice from here.
 */
export function sendMessageHandler(deps: SendDeps): JobHandler {
  const backoff = exponentialBackoff(30_000, 2 * 3_600_000);
  return {
    type: SEND_MESSAGE,
    maxAttempts: SEND_ATTEMPTS,
    retryDelayMs: backoff,
    async run(raw, { job, log }) {
      const messageId = (raw as { message_id: string }).message_id;
      const message = await deps.orm.em.fork().findOne(MessageSchema, { id: messageId }, { filters: false });
      if (!message || message.status !== 'queued') return;
      const key: ChannelKey = { storeId: message.store.id, livemode: message.livemode, channel: message.channel };
      const gate = await deps.pauses.gate(key);
      if (!gate.open) {
        throw new RetryAfter(`${message.channel} is paused for this store`, gate.until.getTime() - deps.clock.now().getTime(), {
          deferOnly: true,
        });
      }
      traceAlso({ messageId, orderId: message.orderId ?? undefined });
      const attempts = message.attempts + 1;
      const started = performance.now();
      const call = (outcome: string, detail: Record<string, unknown>) =>
        deps.activity.record({
          kind: 'provider_call',
          level: outcome === 'ok' ? 'info' : 'warn',
          summary: `${message.channel} send of ${message.template} to ${String(redactField('to', message.to))}: ${outcome}`,
          durationMs: performance.now() - started,
          outcome,
          detail: { provider: message.channel, operation: 'send', attempt: attempts, to: message.to, ...detail },
        });
      let outcome: SendOutcome;
      try {
        outcome = await deliver(deps, message);
        call('ok', { provider_message_id: outcome.providerMessageId, response: outcome.response });
      } catch (error) {
        const failure = asChannelError(error, job.attempts >= job.maxAttempts);
        call(failure.code, { disposition: failure.disposition, error: failure.message });
        log.warn(
          { message_id: messageId, channel: message.channel, disposition: failure.disposition, code: failure.code },
          failure.message,
        );
        const problem = { code: failure.code, message: failure.message };
        if (failure.disposition === 'pause') {
          await deps.pauses.pause(key, problem);
          await recordFacts(deps.orm, messageId, { errorCode: failure.code, errorMessage: failure.message });
          throw new RetryAfter(`${message.channel} paused: ${failure.code}`, PROBE_EVERY_MS, { deferOnly: true });
        }
        if (failure.disposition === 'permanent' || job.attempts >= job.maxAttempts) {
          await advanceMessage(deps.orm, deps.jobs, messageId, {
            status: 'failed',
            at: deps.clock.now(),
            error: problem,
            facts: { attempts },
          });
          return;
        }
        await recordFacts(deps.orm, messageId, { attempts, errorCode: failure.code, errorMessage: failure.message });
        throw new RetryAfter(`${failure.code}: ${failure.message}`, retryDelay(failure, message, backoff(job.attempts)));
      }
      await advanceMessage(deps.orm, deps.jobs, messageId, {
        status: 'sent',
        at: deps.clock.now(),
        facts: {
          attempts,
          providerMessageId: outcome.providerMessageId,
          recipientId: outcome.recipientId ?? null,
          providerResponse: outcome.response,
        },
      });
      if (gate.probe) await deps.pauses.lift(key);
      log.info({ message_id: messageId, channel: message.channel, provider_message_id: outcome.providerMessageId }, 'message sent');
    },
  };
}

async function deliver(deps: SendDeps, message: Message): Promise<SendOutcome> {
  const mode = message.livemode ? 'live' : 'test';
  const { content } = message;
  if (content.channel === 'email') {
    const target = await deps.targets.email(message.store.id, mode);
    return deps.channels.email.send({
      messageId: message.id,
      to: message.to,
      from: target.from,
      content: { subject: content.subject, html: content.html, text: content.text },
      headerMessageId: `<${message.id}@${domainOf(target.from)}>`,
      smtpUrl: target.smtpUrl,
    });
  }
  const target = await deps.targets.whatsApp(message.store.id, mode);
  return deps.channels.whatsapp.send({
    messageId: message.id,
    to: message.to,
    content: { name: content.name, languageCode: content.languageCode, parameters: content.parameters, text: content.text },
    apiUrl: target.apiUrl,
    phoneNumberId: target.phoneNumberId,
    accessToken: target.accessToken,
  });
}

/**
 * Our own refusals (the store lost its credentials since the message was queued) fail the
 * message. Anything else is a bug: retried like a transient failure, and on the last attempt
 * the message fails as `internal_error` rather than staying queued for ever.
 */
function asChannelError(error: unknown, lastAttempt: boolean): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof AppError) return new ChannelError('permanent', error.code, error.message, { cause: error });
  if (lastAttempt) return new ChannelError('permanent', 'internal_error', `baas could not send this message: ${(error as Error).message}`);
  throw error;
}

function retryDelay(failure: ChannelError, message: Message, backoffMs: number): number {
  const unknownOutcome = failure.outcomeUnknown && message.channel === 'whatsapp' ? UNKNOWN_OUTCOME_WAIT_MS : 0;
  return Math.max(backoffMs, failure.retryAfterMs ?? 0, unknownOutcome);
}

/** The Message-ID's right-hand side: the From address's domain, so it is ours and unique with the message id. */
function domainOf(from: string): string {
  return /@([^\s>]+)/.exec(from)?.[1] ?? 'baas.invalid';
}
