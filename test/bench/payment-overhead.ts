import { randomUUID } from 'node:crypto';
import { MercadoPagoConfig, Payment } from 'mercadopago';
import { redirectingDispatcher } from '../../src/providers/mercadopago/client.js';
import { benchApi, ORDER } from './api.js';
import { percentile } from './stats.js';

export interface PaymentOverhead {
  /** POST /v1/payments by card, end to end (order and card token made beforehand, not timed). */
  apiP50: number;
  /** The same payment made with the `mercadopago` SDK straight against the same simulator. */
  sdkP50: number;
  samples: number;
}

const SAMPLES = 60;

async function cardToken(simulatorUrl: string): Promise<string> {
  const response = await fetch(`${simulatorUrl}/__control/card_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cardholder_name: 'APRO' }),
  });
  return ((await response.json()) as { id: string }).id;
}

/**
 * What baas adds to a card payment over calling Mercado Pago yourself: one at a time, the two
 * alternating so both see the same noise. The SDK call sends what our adapter sends.
 */
export async function benchPaymentOverhead(
  baseUrl: string,
  key: string,
  simulatorUrl: string,
  accessToken: string,
): Promise<PaymentOverhead> {
  const api = benchApi(baseUrl, key);
  // The SDK hard-codes Mercado Pago's origin; the same redirect our adapter uses points it at the simulator.
  const options = { timeout: 10_000, dispatcher: redirectingDispatcher(simulatorUrl) } as object;
  const sdk = new Payment(new MercadoPagoConfig({ accessToken, options }));
  const timings = { api: [] as number[], sdk: [] as number[] };
  for (let i = 0; i < SAMPLES; i++) {
    const order = await api.post('/v1/orders', ORDER);
    let token = await cardToken(simulatorUrl);
    let started = performance.now();
    await api.post('/v1/payments', {
      order_id: order.id,
      method: 'card',
      token,
      payment_method_id: 'master',
      installments: 1,
      payer: { email: 'bench@example.com' },
    });
    timings.api.push(performance.now() - started);

    token = await cardToken(simulatorUrl);
    started = performance.now();
    await sdk.create({
      body: {
        transaction_amount: 114.8,
        token,
        installments: 1,
        payment_method_id: 'master',
        payer: { email: 'bench@example.com' },
        external_reference: `bench_${i}`,
        metadata: { order_id: order.id },
      },
      requestOptions: { idempotencyKey: randomUUID() },
    });
    timings.sdk.push(performance.now() - started);
  }
  const p50 = (samples: number[]) =>
    percentile(
      samples.sort((a, b) => a - b),
      50,
    );
  return { apiP50: p50(timings.api), sdkP50: p50(timings.sdk), samples: SAMPLES };
}
