import { afterEach, describe, expect, it } from 'vitest';
import { startMercadoPagoSimulator } from '../../src/simulators/mercadopago/index.js';
import { SAMPLE_ORDER } from '../helpers/api.js';
import { spawnServer, type ServerProcess } from '../helpers/cli.js';
import { openTestInstance } from '../helpers/instance.js';
import { waitFor } from '../helpers/mercadopago.js';
import { tempDir } from '../helpers/temp-dir.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(server: ServerProcess, key: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

async function start(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const server = await spawnServer(env);
  closers.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

describe('a server killed between storing a notification and acting on it', () => {
  it('acts on it after the restart, exactly once', async () => {
    const mp = await startMercadoPagoSimulator();
    closers.push(() => mp.close());
    const dataDir = tempDir('baas-crash');
    const env = { BAAS_DATA_DIR: dataDir, BAAS_MERCADOPAGO_API_URL: mp.url };
    // The store talks to a Mercado Pago outside the server process, which outlives the kill.
    const db = await openTestInstance({ env });
    const { store, testKey } = await db.stores.create({
      name: 'Crash Test',
      currency: 'BRL',
      locale: 'pt-BR',
      credentials: { 'mercadopago.access_token': 'TEST-1234567890-crash' },
    });

    const first = await start(env);
    const order = await api(first, testKey.secret, '/v1/orders', SAMPLE_ORDER);
    const token = mp.simulator.controls.createCardToken('CONT').id;
    const payment = await api(first, testKey.secret, '/v1/payments', {
      order_id: order.id,
      method: 'card',
      token,
      payment_method_id: 'master',
      payer: { email: 'ana@example.com' },
    });
    expect(payment.status).toBe('in_process');
    mp.simulator.controls.forcePaymentStatus(Number(payment.provider_payment_id), 'approved');
    // The job's read of the payment hangs, so the job is mid-flight when the process dies.
    mp.simulator.controls.injectFailure({
      method: 'GET',
      path: `/v1/payments/${payment.provider_payment_id}`,
      mode: 'hang',
      hangMs: 60_000,
    });
    const notified = await fetch(`${first.url}/hooks/mercadopago/${store.id}?data.id=${payment.provider_payment_id}&type=payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'payment', action: 'payment.updated', data: { id: payment.provider_payment_id } }),
    });
    expect(notified.status).toBe(200);
    const em = db.orm.em.fork();
    const jobOf = async () =>
      (
        await em.execute<{ status: string; attempts: number }[]>(
          "select status, attempts from jobs where type = 'mercadopago.notification'",
        )
      )[0];
    await waitFor(async () => (await jobOf())?.status === 'running', 10_000, 'the notification job to start');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(await jobOf()).toMatchObject({ status: 'running', attempts: 1 });

    mp.simulator.controls.clearFailures();
    const second = await start(env);
    await waitFor(async () => (await api(second, testKey.secret, `/v1/payments/${payment.id}`)).status === 'approved', 15_000, 'approval');
    expect(await api(second, testKey.secret, `/v1/orders/${order.id}`)).toMatchObject({ status: 'paid' });
    await waitFor(async () => (await jobOf())?.status === 'succeeded', 5_000, 'the job to finish');
    expect(await jobOf()).toMatchObject({ status: 'succeeded', attempts: 2 });
    const approvals = await em.execute('select id from payment_transitions where payment_id = ? and "to" = \'approved\' and applied = ?', [
      payment.id,
      true,
    ]);
    expect(approvals).toHaveLength(1);
    const events = await api(second, testKey.secret, `/v1/events?payment_id=${payment.id}`);
    expect(events.data.filter((e: { type: string }) => e.type === 'payment.approved')).toHaveLength(1);
    expect(second.output()).toContain('requeued jobs left running by a process that died');
  });
});
