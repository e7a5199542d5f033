import { describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { payByCard, settled } from '../../helpers/mercadopago.js';
import { startReceiver } from '../../helpers/receiver.js';
import { json, startTestServer } from '../../helpers/server.js';

/** The value of one sample, e.g. metric('baas_http_requests_total{method="POST",route="/v1/orders",status="201"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts requests, provider calls, deliveries, messages and the job queue from what really happened', async () => {
    const server = await startTestServer({ env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const tenant = await createTenant(server);
    const receiver = await startReceiver();
    receiver.behave((_r, response) => response.writeHead(503).end());
    await call(server, tenant.keys.test, '/v1/webhook_endpoints', { body: { url: receiver.url, enabled_events: ['order.created'] } });
    for (let i = 0; i < 3; i++) await call(server, tenant.keys.test, '/v1/orders', { body: SAMPLE_ORDER });
    await call(server, tenant.keys.test, '/v1/orders/ord_nope');
    const order = await json(await call(server, tenant.keys.test, '/v1/orders', { body: { ...SAMPLE_ORDER, notify: { email: true } } }));
    await payByCard(server, tenant.keys.test, order.id, 'APRO');
    await receiver.waitFor(4);
    await settled(server);
    // A job left due, as if no runner were there: the queue gauges show it and its age.
    const em = server.instance.orm.em.fork();
    await server.runner.stop(1000);
    await server.instance.jobs.enqueue(em, 'test.waiting', {}, { runAt: new Date(Date.now() - 60_000) });

    const text = await (await server.request('/metrics')).text();
    expect(sample(text, 'baas_http_requests_total{method="POST",route="/v1/orders",status="201"}')).toBe(4);
    expect(sample(text, 'baas_http_requests_total{method="GET",route="/v1/orders/:id",status="404"}')).toBe(1);
    expect(sample(text, 'baas_http_request_duration_seconds_count{method="POST",route="/v1/orders"}')).toBe(4);
    expect(sample(text, 'baas_provider_call_duration_seconds_count{provider="mercadopago",operation="createPayment",outcome="ok"}')).toBe(
      1,
    );
    expect(sample(text, 'baas_webhook_deliveries_total{outcome="failed"}')).toBe(4);
    expect(sample(text, 'baas_messages_total{channel="email",status="queued"}')).toBe(1);
    expect(sample(text, 'baas_messages_total{channel="email",status="sent"}')).toBe(1);
    expect(sample(text, 'baas_jobs_due{type="test.waiting"}')).toBe(1);
    expect(sample(text, 'baas_jobs_oldest_due_age_seconds{type="test.waiting"}')).toBeGreaterThanOrEqual(59);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('wants the token when BAAS_METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const server = await startTestServer({ env: { BAAS_METRICS_TOKEN: token } });
    const refused = await server.request('/metrics');
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.code).toBe('metrics_token_invalid');
    expect((await server.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    const allowed = await server.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^baas_build_info/m);
  });
});
