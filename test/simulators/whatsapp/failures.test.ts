import { describe, expect, it } from 'vitest';
import { orderPaidBody, startSim } from './harness.js';

describe('WhatsApp simulator: failure injection', () => {
  it('answers the next sends with Graph errors under their usual HTTP status, then recovers', async () => {
    const sim = await startSim();
    const cases: [Record<string, unknown>, number, number][] = [
      [{ code: 130429 }, 429, 130429],
      [{ code: 190 }, 401, 190],
      [{ code: 131056 }, 400, 131056],
      [{ code: 131000, http_status: 500 }, 500, 131000],
    ];
    for (const [failure, status, code] of cases) {
      expect((await sim.control('POST', '/failures', failure)).status).toBe(204);
      const reply = await sim.send(orderPaidBody());
      expect(reply.status).toBe(status);
      expect(reply.body.error).toMatchObject({ code, message: expect.stringMatching(new RegExp(`^\\(#${code}\\) `)) });
    }
    expect((await sim.send(orderPaidBody())).status).toBe(200);
    expect(sim.controls.messages()).toHaveLength(1);
  });

  it('count, and only to one number', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { code: 131056, count: 2, to: '+55 11 98765-4321' });
    expect((await sim.send(orderPaidBody({ to: '5491155551234' }))).status).toBe(200);
    expect((await sim.send(orderPaidBody())).body.error.code).toBe(131056);
    expect((await sim.send(orderPaidBody({ to: '+5511987654321' }))).body.error.code).toBe(131056);
    expect((await sim.send(orderPaidBody())).status).toBe(200);
  });

  it('500 is a bodiless 500', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { code: 500 });
    const reply = await sim.send(orderPaidBody());
    expect(reply.status).toBe(500);
    expect(reply.body).toBe('');
    expect(reply.headers.get('content-type')).toBeNull();
  });

  it('hang never answers until stop; reset cuts the connection; neither accepts the message', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { code: 'hang' });
    let settled = false;
    const hanging = sim.send(orderPaidBody()).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    sim.simulator.stop();
    await expect(hanging).rejects.toThrow();
    await sim.control('POST', '/failures', { code: 'reset' });
    await expect(sim.send(orderPaidBody())).rejects.toThrow();
    expect(sim.controls.messages()).toEqual([]);
  });

  it('controls are never failed; bad failure specs are a 400; DELETE clears', async () => {
    const sim = await startSim();
    await sim.control('POST', '/failures', { code: 500, count: 5 });
    expect((await sim.control('GET', '/templates')).status).toBe(200);
    expect((await sim.control('POST', '/failures', { code: 'explode' })).status).toBe(400);
    expect((await sim.control('POST', '/failures', { code: 190, count: 0 })).status).toBe(400);
    expect((await sim.control('POST', '/failures', { code: 190, to: 'nobody' })).status).toBe(400);
    expect((await sim.control('DELETE', '/failures')).status).toBe(204);
    expect((await sim.send(orderPaidBody())).status).toBe(200);
  });
});
