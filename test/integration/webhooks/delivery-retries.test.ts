import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { JobSchema } from '../../../src/modules/jobs/job.entity.js';
import { JobRunner } from '../../../src/modules/jobs/job-runner.js';
import { CreateOrderInput } from '../../../src/modules/orders/order-input.js';
import type { Scope } from '../../../src/modules/tenancy/scope.js';
import { DISABLE_AFTER_MS, RETRY_SCHEDULE_MS, webhookDeliveryHandler } from '../../../src/modules/webhooks/deliver-webhook.js';
import { webhookAgents } from '../../../src/modules/webhooks/send-webhook.js';
import { WebhookDeliverySchema } from '../../../src/modules/webhooks/webhook-delivery.entity.js';
import { WebhookEndpointSchema } from '../../../src/modules/webhooks/webhook-endpoint.entity.js';
import { fixedClock } from '../../../src/shared/clock.js';
import type { Instance } from '../../../src/runtime/instance.js';
import { openTestInstance, silentLogger } from '../../helpers/instance.js';
import { startReceiver, type Receiver } from '../../helpers/receiver.js';
import { SAMPLE_ORDER } from '../../helpers/api.js';

/** Services, a runner and the delivery handler on a clock the test moves: no real waiting. */
async function setup(timeoutMs = 2000) {
  const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
  const instance = await openTestInstance({ clock, env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
  const scope: Scope = { storeId: store.id, mode: 'test', requestId: null };
  const agents = webhookAgents();
  const handler = webhookDeliveryHandler({
    reads: instance.reads,
    orm: instance.orm,
    masterKey: instance.masterKey,
    clock,
    logger: silentLogger(),
    agents,
    allowPrivate: true,
    random: () => 0.5, // no jitter: exact schedule
    timeoutMs,
  });
  const runner = new JobRunner(instance.orm, instance.jobs, new Map([[handler.type, handler]]), clock, silentLogger(), {
    maxIdleMs: 3_600_000,
  });
  runner.start();
  return { clock, instance, scope, runner, agents };
}

const order = (instance: Instance, scope: Scope) => instance.orders.create(scope, CreateOrderInput.parse(SAMPLE_ORDER));

async function settle(instance: Instance) {
  // Idle when no job is running and none is due at the (fake) current time.
  for (let i = 0; i < 500; i++) {
    const busy = await instance.orm.em.fork().count(JobSchema, { status: 'running' });
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('jobs did not settle');
}

async function attempts(instance: Instance) {
  return instance.orm.em.fork().find(WebhookDeliverySchema, {}, { filters: false, orderBy: { id: 'asc' } });
}

describe('delivery retries on a controllable clock', () => {
  it('follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', async () => {
    const { clock, instance, scope, runner, agents } = await setup();
    const receiver = await startReceiver();
    receiver.behave((_r, response) => response.writeHead(503).end('down'));
    await instance.webhookEndpoints.create(scope, { url: receiver.url, enabled_events: ['order.created'] });
    await order(instance, scope);
    await receiver.waitFor(1);
    await settle(instance);
    for (let i = 0; i < RETRY_SCHEDULE_MS.length; i++) {
      const [last] = (await attempts(instance)).slice(-1);
      expect(last!.nextAttemptAt!.getTime() - last!.startedAt.getTime(), `retry ${i + 1}`).toBe(RETRY_SCHEDULE_MS[i]);
      clock.advance(RETRY_SCHEDULE_MS[i]! - 1);
      runner.wake();
      await settle(instance);
      expect(receiver.received, `not before its time (retry ${i + 1})`).toHaveLength(i + 1);
      clock.advance(1);
      runner.wake();
      await receiver.waitFor(i + 2);
      await settle(instance);
    }
    const all = await attempts(instance);
    expect(all.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.at(-1)!.nextAttemptAt).toBeNull();
    expect((await instance.orm.em.fork().findOneOrFail(JobSchema, { type: 'webhook.deliver' })).status).toBe('dead');
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    await runner.stop(1000);
    agents.destroy();
  });

  it('honours a longer Retry-After', async () => {
    const { instance, scope, runner, agents } = await setup();
    const receiver = await startReceiver();
    receiver.behave((_r, response) => response.writeHead(429, { 'retry-after': '120' }).end());
    await instance.webhookEndpoints.create(scope, { url: receiver.url, enabled_events: ['*'] });
    await order(instance, scope);
    await receiver.waitFor(1);
    await settle(instance);
    const [first] = await attempts(instance);
    expect(first!.nextAttemptAt!.getTime() - first!.startedAt.getTime()).toBe(120_000);
    await runner.stop(1000);
    agents.destroy();
  });

  it('disables an endpoint after five days of nothing but failures', async () => {
    const { clock, instance, scope, runner, agents } = await setup();
    const receiver = await startReceiver();
    receiver.behave((_r, response) => response.writeHead(500).end());
    const { endpoint } = await instance.webhookEndpoints.create(scope, { url: receiver.url, enabled_events: ['*'] });
    await order(instance, scope);
    await receiver.waitFor(1);
    await settle(instance);
    const failingSince = (await instance.orm.em.fork().findOneOrFail(WebhookEndpointSchema, endpoint.id, { filters: false })).failingSince;
    expect(failingSince).toEqual(clock.now());

    clock.advance(DISABLE_AFTER_MS);
    await order(instance, scope);
    await receiver.waitFor(2);
    await settle(instance);
    const disabled = await instance.orm.em.fork().findOneOrFail(WebhookEndpointSchema, endpoint.id, { filters: false });
    expect(disabled).toMatchObject({ status: 'disabled', disabledReason: 'failing_for_5_days' });
    await runner.stop(1000);
    agents.destroy();
  });

  it('delivers every event through a chaotic receiver; each webhook-id is accepted once', async () => {
    const { clock, instance, scope, runner, agents } = await setup(300);
    const receiver = await startReceiver();
    const { secret } = await instance.webhookEndpoints.create(scope, { url: receiver.url, enabled_events: ['*'] });
    const verifier = new Webhook(secret);
    const accepted = new Set<string>();
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // The signatures carry the fake clock's time; let the verifier's clock agree with it.
    vi.useFakeTimers({ toFake: ['Date'] });
    // Half the attempts fail, but never the fifth of a webhook: with 8 attempts in all, a run of
    // eight failures would make the event dead (1 in 256 per event), which is another test's subject.
    const tries = new Map<string, number>();
    receiver.behave((request, response) => {
      vi.setSystemTime(clock.now());
      const id = String(request.headers['webhook-id']);
      tries.set(id, (tries.get(id) ?? 0) + 1);
      const roll = tries.get(id)! >= 5 ? 1 : random();
      if (roll < 0.25) return void response.writeHead(500).end();
      if (roll < 0.4) return void response.socket?.destroy();
      if (roll < 0.5) return; // never answers: the sender's deadline fires
      verifier.verify(request.body, request.headers as Record<string, string>);
      accepted.add(id);
      response.writeHead(204).end();
    });
    const events = 15;
    for (let i = 0; i < events; i++) await order(instance, scope);
    for (let round = 0; round < 40 && accepted.size < events; round++) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await settle(instance);
      clock.advance(RETRY_SCHEDULE_MS.at(-1)!);
      runner.wake();
    }
    vi.useRealTimers();
    expect(accepted.size).toBe(events);
    expect(receiver.received.length).toBeGreaterThan(events);
    await runner.stop(1000);
    agents.destroy();
  });

  it('a slow endpoint does not hold up another one', async () => {
    const { instance, scope, runner, agents } = await setup(5000);
    const slow: Receiver = await startReceiver();
    const fast: Receiver = await startReceiver();
    slow.behave((_r, response) => void setTimeout(() => response.writeHead(200).end(), 3000));
    await instance.webhookEndpoints.create(scope, { url: slow.url, enabled_events: ['*'] });
    await instance.webhookEndpoints.create(scope, { url: fast.url, enabled_events: ['*'] });
    const started = Date.now();
    for (let i = 0; i < 10; i++) await order(instance, scope);
    await fast.waitFor(10, 2500);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(slow.received.length).toBeLessThanOrEqual(4);
    await runner.stop(100);
    agents.destroy();
  });
});
