import { describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER } from '../../helpers/api.js';
import { payByCard, postPaymentNotification, settled } from '../../helpers/mercadopago.js';
import { json, startTestServer } from '../../helpers/server.js';

describe('a redelivered Mercado Pago notification', () => {
  it('arriving after the first one was processed is settled as a duplicate, not left unprocessed', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    const order = await json(await call(server, tenant.keys.test, '/v1/orders', { body: SAMPLE_ORDER }));
    const payment = await json(await payByCard(server, tenant.keys.test, order.id, 'APRO'));
    await settled(server);
    const redelivery = { notificationId: 4242, dateCreated: '2026-12-01T10:00:00.000Z' };
    await postPaymentNotification(server, tenant.storeId, payment.provider_payment_id, redelivery);
    await settled(server);
    await postPaymentNotification(server, tenant.storeId, payment.provider_payment_id, redelivery);
    await settled(server);
    const rows = await server.instance.orm.em
      .fork()
      .getConnection()
      .execute<{ status: string; outcome: string | null }[]>('select status, outcome from provider_notifications order by received_at');
    expect(rows.filter((row) => row.status === 'received')).toEqual([]);
    expect(rows.at(-1)).toEqual({ status: 'ignored', outcome: 'duplicate of a notification already received' });
  });
});
