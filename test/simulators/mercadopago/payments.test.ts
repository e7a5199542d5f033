import { describe, expect, it } from 'vitest';
import { cardPayment, startSim } from './harness.js';

const OUTCOMES: [string, string, string][] = [
  ['APRO', 'approved', 'accredited'],
  ['OTHE', 'rejected', 'cc_rejected_other_reason'],
  ['CONT', 'in_process', 'pending_contingency'],
  ['CALL', 'rejected', 'cc_rejected_call_for_authorize'],
  ['FUND', 'rejected', 'cc_rejected_insufficient_amount'],
  ['SECU', 'rejected', 'cc_rejected_bad_filled_security_code'],
  ['EXPI', 'rejected', 'cc_rejected_bad_filled_date'],
  ['FORM', 'rejected', 'cc_rejected_bad_filled_other'],
];

describe('Mercado Pago simulator: card payments', () => {
  it.each(OUTCOMES)('cardholder %s → %s/%s', async (name, status, detail) => {
    const sim = await startSim();
    const token = await sim.call('POST', '/v1/card_tokens', {
      body: {
        card_number: '4235 6477 2802 5682',
        security_code: '123',
        expiration_month: 11,
        expiration_year: new Date().getFullYear() + 3,
        cardholder: { name, identification: { type: 'CPF', number: '12345678909' } },
      },
    });
    expect(token.status).toBe(201);
    expect(token.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), first_six_digits: '423564', last_four_digits: '5682' });

    const created = await sim.call('POST', '/v1/payments', { key: true, body: cardPayment(token.body.id) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(Number),
      status,
      status_detail: detail,
      transaction_amount: 150.5,
      transaction_amount_refunded: 0,
      currency_id: 'BRL',
      live_mode: false,
      payment_method_id: 'visa',
      payment_type_id: 'credit_card',
      installments: 1,
      issuer_id: '310',
      metadata: { order_id: 'ord_1' },
      payer: { email: 'buyer@example.com' },
      refunds: [],
      date_approved: status === 'approved' ? expect.stringMatching(/-04:00$/) : null,
    });
    const fetched = await sim.call('GET', `/v1/payments/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
  });

  it('ids are numbers that increase', async () => {
    const sim = await startSim();
    const first = await sim.pay();
    const second = await sim.pay();
    expect(typeof first.body.id).toBe('number');
    expect(second.body.id).toBeGreaterThan(first.body.id);
  });

  it('needs a bearer token (401, MP error shape) but accepts any', async () => {
    const sim = await startSim();
    const missing = await sim.call('GET', '/v1/payments/1', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error: 'unauthorized', status: 401, cause: [] });
    expect((await sim.call('GET', '/v1/payments/1', { token: 'APP_USR-anything' })).status).toBe(404);
  });

  it('requires X-Idempotency-Key (400, cause 4292)', async () => {
    const sim = await startSim();
    const reply = await sim.call('POST', '/v1/payments', { body: cardPayment(await sim.cardToken('APRO')) });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      message: "Header X-Idempotency-Key can't be null",
      error: 'bad_request',
      status: 400,
      cause: [{ code: 4292, description: "Header X-Idempotency-Key can't be null", data: null }],
    });
  });

  it('replays the first response for a reused key, even a rejection, without a new payment', async () => {
    const sim = await startSim();
    const body = cardPayment(await sim.cardToken('OTHE'));
    const first = await sim.call('POST', '/v1/payments', { key: 'attempt-1', body });
    expect(first.body.status).toBe('rejected');
    // Same key with a fresh approving token: still the rejection, still one payment.
    const again = await sim.call('POST', '/v1/payments', { key: 'attempt-1', body: { ...body, token: await sim.cardToken('APRO') } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const search = await sim.call('GET', `/v1/payments/search?external_reference=${body.external_reference}`);
    expect(search.body.paging.total).toBe(1);
    // A new key is a new attempt.
    const next = await sim.call('POST', '/v1/payments', { key: 'attempt-2', body: { ...body, token: await sim.cardToken('APRO') } });
    expect(next.body.status).toBe('approved');
    expect(next.body.id).not.toBe(first.body.id);
  });

  it('keys are per seller: the same key under another access token is a new request', async () => {
    const sim = await startSim();
    const a = await sim.call('POST', '/v1/payments', { key: 'k', body: cardPayment(await sim.cardToken('APRO')) });
    const b = await sim.call('POST', '/v1/payments', { key: 'k', token: 'other-seller', body: cardPayment(await sim.cardToken('APRO')) });
    expect(b.body.id).not.toBe(a.body.id);
    expect((await sim.call('GET', `/v1/payments/${a.body.id}`, { token: 'other-seller' })).status).toBe(404);
  });

  it('card tokens are single-use (400, cause 2006)', async () => {
    const sim = await startSim();
    const token = await sim.cardToken('APRO');
    expect((await sim.call('POST', '/v1/payments', { key: true, body: cardPayment(token) })).status).toBe(201);
    const reuse = await sim.call('POST', '/v1/payments', { key: true, body: cardPayment(token) });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ message: 'Card Token not found', error: 'bad_request', cause: [{ code: 2006, data: null }] });
    const unknown = await sim.call('POST', '/v1/payments', { key: true, body: cardPayment('nope') });
    expect(unknown.body.cause[0].code).toBe(2006);
  });

  it('validates like MP: payer.email 4050, amount 4002/4037, method 4001', async () => {
    const sim = await startSim();
    const base = cardPayment(await sim.cardToken('APRO'));
    const code = async (body: Record<string, unknown>) => (await sim.call('POST', '/v1/payments', { key: true, body })).body.cause[0].code;
    expect(await code({ ...base, payer: {} })).toBe(4050);
    expect(await code({ ...base, transaction_amount: undefined })).toBe(4002);
    expect(await code({ ...base, transaction_amount: -1 })).toBe(4037);
    expect(await code({ ...base, transaction_amount: 10.001 })).toBe(4037);
    expect(await code({ ...base, payment_method_id: undefined })).toBe(4001);
    expect(await code({ ...base, notification_url: 'not a url' })).toBe(4020);
    // Validation failures consume neither the token nor the key.
    expect((await sim.call('POST', '/v1/payments', { key: true, body: base })).body.status).toBe('approved');
  });

  it('CLP and COP take integer amounts only (4037)', async () => {
    const sim = await startSim();
    await sim.control('POST', '/config', { site_currency: 'CLP' });
    const fractional = await sim.call('POST', '/v1/payments', { key: true, body: cardPayment(await sim.cardToken('APRO'), 1000.5) });
    expect(fractional.status).toBe(400);
    expect(fractional.body.cause[0]).toEqual({ code: 4037, description: 'Invalid transaction_amount', data: null });
    const whole = await sim.call('POST', '/v1/payments', { key: true, body: cardPayment(await sim.cardToken('APRO'), 1000) });
    expect(whole.body).toMatchObject({ status: 'approved', currency_id: 'CLP', transaction_amount: 1000 });
  });

  it('a currency can be set per access token', async () => {
    const sim = await startSim();
    await sim.control('POST', '/config', { token_currencies: { 'TEST-mx': 'MXN' } });
    const mx = await sim.call('POST', '/v1/payments', { key: true, token: 'TEST-mx', body: cardPayment(await sim.cardToken('APRO')) });
    expect(mx.body.currency_id).toBe('MXN');
    expect((await sim.pay()).body.currency_id).toBe('BRL');
  });

  it('GET of an unknown payment is 404 with cause 2000', async () => {
    const sim = await startSim();
    const reply = await sim.call('GET', '/v1/payments/999');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      message: 'Payment not found',
      error: 'not_found',
      status: 404,
      cause: [{ code: 2000, description: 'Payment not found', data: null }],
    });
  });

  it('searches by external_reference, newest first, with paging', async () => {
    const sim = await startSim();
    const first = await sim.pay({ external_reference: 'pay_A' });
    await sim.pay({ external_reference: 'pay_B' });
    const second = await sim.pay({ external_reference: 'pay_A' });
    const reply = await sim.call('GET', '/v1/payments/search?external_reference=pay_A&sort=date_created&criteria=desc');
    expect(reply.status).toBe(200);
    expect(reply.body.paging).toEqual({ total: 2, limit: 30, offset: 0 });
    expect(reply.body.results.map((p: { id: number }) => p.id)).toEqual([second.body.id, first.body.id]);
    const asc = await sim.call('GET', '/v1/payments/search?external_reference=pay_A&criteria=asc&limit=1');
    expect(asc.body.results.map((p: { id: number }) => p.id)).toEqual([first.body.id]);
    expect((await sim.call('GET', '/v1/payments/search?external_reference=none')).body).toEqual({
      paging: { total: 0, limit: 30, offset: 0 },
      results: [],
    });
  });

  it('capture:false authorizes; capture:true approves; capture of anything else is 3005', async () => {
    const sim = await startSim();
    const held = await sim.pay({ capture: false });
    expect(held.body).toMatchObject({ status: 'authorized', status_detail: 'pending_capture', captured: false, date_approved: null });
    const captured = await sim.call('PUT', `/v1/payments/${held.body.id}`, { body: { capture: true } });
    expect(captured.body).toMatchObject({ status: 'approved', status_detail: 'accredited', captured: true });
    const twice = await sim.call('PUT', `/v1/payments/${held.body.id}`, { body: { capture: true } });
    expect(twice.status).toBe(400);
    expect(twice.body.cause[0].code).toBe(3005);
  });

  it('cancels pending, in_process and authorized payments only', async () => {
    const sim = await startSim();
    const held = await sim.pay({ capture: false });
    const contingency = await sim.call('POST', '/v1/payments', { key: true, body: cardPayment(await sim.cardToken('CONT')) });
    for (const id of [held.body.id, contingency.body.id]) {
      const cancelled = await sim.call('PUT', `/v1/payments/${id}`, { body: { status: 'cancelled' } });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', status_detail: 'by_collector' });
    }
    const approved = await sim.pay();
    const refused = await sim.call('PUT', `/v1/payments/${approved.body.id}`, { body: { status: 'cancelled' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'bad_request', status: 400, cause: [{ code: 3005 }] });
    expect((await sim.call('GET', `/v1/payments/${approved.body.id}`)).body.status).toBe('approved');
  });

  it('binary_mode turns a pending outcome into a rejection', async () => {
    const sim = await startSim();
    const reply = await sim.call('POST', '/v1/payments', {
      key: true,
      body: { ...cardPayment(await sim.cardToken('CONT')), binary_mode: true },
    });
    expect(reply.body.status).toBe('rejected');
  });
});

describe('Mercado Pago simulator: Pix', () => {
  it('is pending_waiting_transfer with QR data and a 24 h default expiry', async () => {
    const sim = await startSim();
    const before = Date.now();
    const reply = await sim.call('POST', '/v1/payments', {
      key: true,
      body: { transaction_amount: 99.9, payment_method_id: 'pix', payer: { email: 'buyer@example.com' }, external_reference: 'pay_pix' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'pending', status_detail: 'pending_waiting_transfer', payment_type_id: 'bank_transfer' });
    const data = reply.body.point_of_interaction.transaction_data;
    expect(data.qr_code).toMatch(/^000201.*br\.gov\.bcb\.pix.*6304[0-9A-F]{4}$/);
    expect(Buffer.from(data.qr_code_base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(data.ticket_url).toBe(`${sim.url}/payments/${reply.body.id}/ticket`);
    expect((await fetch(data.ticket_url)).status).toBe(200);
    const expiry = Date.parse(reply.body.date_of_expiration);
    expect(expiry - before).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);
    expect(expiry - before).toBeLessThan(24 * 3600_000 + 60_000);
  });

  it('keeps a date_of_expiration sent, refuses one out of range, and can be cancelled or approved', async () => {
    const sim = await startSim();
    const pix = (date_of_expiration?: string) =>
      sim.call('POST', '/v1/payments', {
        key: true,
        body: { transaction_amount: 10, payment_method_id: 'pix', payer: { email: 'b@example.com' }, date_of_expiration },
      });
    const in2h = new Date(Date.now() + 2 * 3600_000).toISOString();
    const custom = await pix(in2h);
    expect(custom.body.date_of_expiration).toBe(in2h);
    expect((await pix(new Date(Date.now() + 60_000).toISOString())).status).toBe(400);
    const cancelled = await sim.call('PUT', `/v1/payments/${custom.body.id}`, { body: { status: 'cancelled' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', status_detail: 'by_collector' });
    const other = await pix();
    const approved = await sim.control('POST', `/payments/${other.body.id}/status`, { status: 'approved' });
    expect(approved.body).toMatchObject({ status: 'approved', status_detail: 'accredited', date_approved: expect.any(String) });
  });
});
