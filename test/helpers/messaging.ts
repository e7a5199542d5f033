import { join } from 'node:path';
import { JobSchema } from '../../src/modules/jobs/job.entity.js';
import { JobRunner } from '../../src/modules/jobs/job-runner.js';
import { messageJobHandlers } from '../../src/modules/messages/job-handlers.js';
import { MessageSchema, type Message } from '../../src/modules/messages/message.entity.js';
import type { Channels } from '../../src/modules/messages/send-message.js';
import { CreateOrderInput } from '../../src/modules/orders/order-input.js';
import type { Scope } from '../../src/modules/tenancy/scope.js';
import { EmailChannel } from '../../src/providers/smtp/email-channel.js';
import { WhatsAppChannel } from '../../src/providers/whatsapp/whatsapp-channel.js';
import type { Instance } from '../../src/runtime/instance.js';
import { fixedClock } from '../../src/shared/clock.js';
import { SAMPLE_ORDER } from './api.js';
import { openTestInstance, silentLogger } from './instance.js';

/**
 * The messages module's services and job runner on a clock the test moves, without the HTTP
 * server: retries, pauses and probes happen when the test says, not after real minutes.
 */
export async function openMessaging(options: { env?: NodeJS.ProcessEnv; channels?: Partial<Channels> } = {}) {
  const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
  const instance = await openTestInstance({ clock, env: options.env });
  const channels: Channels = {
    email: new EmailChannel({
      mailDir: join(instance.config.dataDir, 'mail'),
      timeouts: { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 },
    }),
    whatsapp: new WhatsAppChannel({ timeoutMs: 2000 }),
    ...options.channels,
  };
  const handlers = messageJobHandlers(instance, channels);
  const runner = new JobRunner(instance.orm, instance.jobs, new Map(handlers.map((h) => [h.type, h])), clock, silentLogger(), {
    maxIdleMs: 3_600_000,
  });
  runner.start();
  return {
    clock,
    instance,
    runner,
    /** Moves time on and lets every job that is due then run to its end. */
    async advance(ms: number) {
      clock.advance(ms);
      runner.wake();
      await settle(instance);
    },
    async close() {
      await runner.stop(5000);
      await Promise.all([channels.email.close(), channels.whatsapp.close()]);
    },
  };
}

/** Waits until no job is running and none is due at the (fake) current time. */
export async function settle(instance: Instance): Promise<void> {
  const em = instance.orm.em.fork();
  for (let i = 0; i < 1000; i++) {
    const busy = await em.count(JobSchema, {
      $or: [{ status: 'running' }, { status: 'queued', runAt: { $lte: instance.clock.now() } }],
    });
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('jobs did not settle');
}

export async function newOrder(instance: Instance, scope: Scope, overrides: Record<string, unknown> = {}) {
  return instance.orders.create(scope, CreateOrderInput.parse({ ...SAMPLE_ORDER, ...overrides }));
}

export async function reload(instance: Instance, id: string): Promise<Message> {
  return instance.orm.em.fork().findOneOrFail(MessageSchema, { id }, { filters: false });
}

export async function eventTypes(instance: Instance, prefix: string): Promise<string[]> {
  const rows = await instance.orm.em
    .fork()
    .getConnection()
    .execute<{ type: string }[]>(`select type from events where type like ? order by id`, [`${prefix}%`]);
  return rows.map((row) => row.type);
}
