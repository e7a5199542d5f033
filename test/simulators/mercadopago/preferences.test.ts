import { describe, expect, it } from 'vitest';
import { startHookReceiver, startSim } from './harness.js';

const preferenceBody = (notification_url?: string) => ({
  items: [{ id: 'sku-1', title: 'Camiseta', quantity: 2, unit_price: 49.95, currency_id: 'BRL' }],
  payer: { email: 'buyer@example.com' },
  back_urls: { success: 'https://shop.example/ok', pending: 'https://shop.example/wait', failure: 'https://shop.example/ko' },
  auto_return: 'approved',
  external_reference: 'pay_01JPREF',
  notification_url,
  metadata: { order_id: 'ord_9' },
});

describe('Mercado Pago simulator: Checkout Pro', () => {
  it('creates and reads a preference whose init_point is on the simulator', async () => {
    const sim = await startSim();
    const created = await sim.call('POST', '/checkout/preferences', { body: preferenceBody() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^\d+-[0-9a-f-]{36}$/),
      init_point: `${sim.url}/checkout/pay/${created.body.id}`,
      sandbox_init_point: `${sim.url}/checkout/pay/${created.body.id}`,
      external_reference: 'pay_01JPREF',
      auto_return: 'approved',
      back_urls: { success: 'https://shop.example/ok' },
      items: [{ title: 'Camiseta', quantity: 2, unit_price: 49.95, currency_id: 'BRL' }],
      date_created: expect.any(String),
      expiration_date_to: null,
    });
    expect((await sim.call('GET', `/checkout/preferences/${created.body.id}`)).body).toEqual(created.body);
    expect((await sim.call('GET', `/checkout/preferences/nope`)).status).toBe(404);
    const page = await fetch(created.body.init_point);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Camiseta');
  });

  it('validates items and auto_return', async () => {
    const sim = await startSim();
    expect((await sim.call('POST', '/checkout/preferences', { body: { ...preferenceBody(), items: [] } })).status).toBe(400);
    const noSuccess = await sim.call('POST', '/checkout/preferences', { body: { ...preferenceBody(), back_urls: {} } });
    expect(noSuccess.status).toBe(400);
    expect((await sim.call('POST', '/checkout/preferences', { body: preferenceBody(), token: null })).status).toBe(401);
  });

  it('a buyer paying on the page makes a payment with the external_reference, notified and findable', async () => {
    const sim = await startSim();
    const hooks = await startHookReceiver();
    const preference = (await sim.call('POST', '/checkout/preferences', { body: preferenceBody(hooks.url) })).body;
    const paid = await sim.call('POST', `/checkout/pay/${preference.id}`, { token: null, body: { cardholder_name: 'APRO' } });
    expect(paid.status).toBe(201);
    expect(paid.body.payment).toMatchObject({
      status: 'approved',
      status_detail: 'accredited',
      transaction_amount: 99.9,
      currency_id: 'BRL',
      external_reference: 'pay_01JPREF',
      metadata: { order_id: 'ord_9' },
    });
    const redirect = new URL(paid.body.redirect_url);
    expect(redirect.origin + redirect.pathname).toBe('https://shop.example/ok');
    expect(redirect.searchParams.get('payment_id')).toBe(String(paid.body.payment.id));
    expect(redirect.searchParams.get('external_reference')).toBe('pay_01JPREF');

    const [hook] = await hooks.waitFor(1);
    expect(hook!.body).toMatchObject({ action: 'payment.created', data: { id: String(paid.body.payment.id) } });
    const search = await sim.call('GET', '/v1/payments/search?external_reference=pay_01JPREF');
    expect(search.body.results.map((p: { id: number }) => p.id)).toEqual([paid.body.payment.id]);
  });

  it('the control pays too, by status; a rejection goes to the failure back_url; a form post redirects', async () => {
    const sim = await startSim();
    const preference = (await sim.call('POST', '/checkout/preferences', { body: preferenceBody() })).body;
    const pending = await sim.control('POST', `/preferences/${preference.id}/pay`, { status: 'pending' });
    expect(pending.body).toMatchObject({ status: 'pending', external_reference: 'pay_01JPREF' });
    const rejected = await sim.call('POST', `/checkout/pay/${preference.id}`, { token: null, body: { cardholder_name: 'FUND' } });
    expect(rejected.body.payment.status_detail).toBe('cc_rejected_insufficient_amount');
    expect(rejected.body.redirect_url).toMatch(/^https:\/\/shop\.example\/ko\?/);
    const form = await fetch(`${sim.url}/checkout/pay/${preference.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'cardholder_name=APRO&payment_method_id=visa',
      redirect: 'manual',
    });
    expect(form.status).toBe(302);
    expect(form.headers.get('location')).toMatch(/^https:\/\/shop\.example\/ok\?.*status=approved/);
  });
});
