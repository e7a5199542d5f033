import { describe, expect, it } from 'vitest';
import { json, startTestServer } from '../../helpers/server.js';

const mp = { authorization: 'Bearer TEST-sandbox', 'content-type': 'application/json' };

describe('the built-in Mercado Pago simulator', () => {
  it('is served under /sandbox/mercadopago with its own API, auth and errors', async () => {
    const server = await startTestServer();
    const token = await json(
      await server.request('/sandbox/mercadopago/__control/card_tokens', {
        method: 'POST',
        headers: mp,
        body: JSON.stringify({ cardholder_name: 'APRO' }),
      }),
    );
    const created = await server.request('/sandbox/mercadopago/v1/payments', {
      method: 'POST',
      headers: { ...mp, 'x-idempotency-key': 'k-1' },
      body: JSON.stringify({
        transaction_amount: 49.9,
        token: token.id,
        payment_method_id: 'master',
        installments: 1,
        payer: { email: 'ana@example.com' },
        external_reference: 'pay_1',
      }),
    });
    expect(created.status).toBe(201);
    const payment = await json(created);
    expect(payment).toMatchObject({ status: 'approved', status_detail: 'accredited', external_reference: 'pay_1' });
    expect((await json(await server.request(`/sandbox/mercadopago/v1/payments/${payment.id}`, { headers: mp }))).id).toBe(payment.id);

    const unauthorised = await server.request('/sandbox/mercadopago/v1/payments/1');
    expect(unauthorised.status).toBe(401);
    const pix = await json(
      await server.request('/sandbox/mercadopago/v1/payments', {
        method: 'POST',
        headers: { ...mp, 'x-idempotency-key': 'k-2' },
        body: JSON.stringify({ transaction_amount: 10, payment_method_id: 'pix', payer: { email: 'ana@example.com' } }),
      }),
    );
    expect(pix.point_of_interaction.transaction_data.ticket_url.startsWith(`${server.url}/sandbox/mercadopago/`)).toBe(true);
  });

  it('is not there when BAAS_SANDBOX=false', async () => {
    const server = await startTestServer({ env: { BAAS_SANDBOX: 'false' } });
    const response = await server.request('/sandbox/mercadopago/v1/payments/1', { headers: mp });
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe('route_not_found');
  });
});
