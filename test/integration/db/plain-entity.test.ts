import type { EntitySchema } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/orm.js';
import { plainReader } from '../../../src/db/plain-entity.js';
import { JobSchema } from '../../../src/modules/jobs/job.entity.js';
import { CreateOrderInput } from '../../../src/modules/orders/order-input.js';
import { OrderSchema } from '../../../src/modules/orders/order.entity.js';
import { PaymentSchema } from '../../../src/modules/payments/payment.entity.js';
import { openTestInstance } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

const SCOPE = (storeId: string) => ({ storeId, mode: 'test' as const, requestId: null });

/** What em.map hydrates from `row`, property by property, a to-one relation as its key. */
function hydratedByOrm<T extends object>(em: Db, schema: EntitySchema<T>, row: Record<string, unknown>): Record<string, unknown> {
  const entity = em.fork().map(schema, { ...row } as never) as Record<string, unknown>;
  const meta = em.getMetadata().find(schema.meta.className)!;
  return Object.fromEntries(
    meta.props.map((prop) => {
      const value = entity[prop.name];
      return [prop.name, prop.kind === 'm:1' && value ? { id: (value as { id: string }).id } : (value ?? null)];
    }),
  );
}

async function rowOf(em: Db, table: string, id: string): Promise<Record<string, unknown>> {
  const [row] = await em.getConnection().execute<Record<string, unknown>[]>(`select * from ${table} where id = ?`, [id]);
  return row!;
}

describe(`rows read as plain entities on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('give every property exactly the value em.map gives it: JSON, bigint amounts, dates, booleans, nulls, the store', async () => {
    const instance = await openTestInstance();
    const em = instance.orm.em;
    const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    const order = await instance.orders.create(
      SCOPE(store.id),
      CreateOrderInput.parse({
        items: [{ sku: 'A-1', name: 'Camiseta “azul”', quantity: 2, unit_amount: 4990 }],
        shipping_amount: 1500,
        customer: { email: 'Ana@Example.com', name: 'Ana', phone: '+5511987654321' },
        metadata: { cart: 'c_1', campaign: 'natal' },
      }),
    );
    const orderRow = await rowOf(em, 'orders', order.id);
    const plainOrder = plainReader(em, OrderSchema)(orderRow);
    expect(plainOrder).toEqual(hydratedByOrm(em, OrderSchema, orderRow));
    expect(plainOrder).toMatchObject({ livemode: false, amountTotal: 11480, externalId: null, store: { id: store.id } });
    expect(plainOrder.createdAt).toBeInstanceOf(Date);
    expect(plainOrder.createdAt.getTime()).toBe(order.createdAt.getTime());

    const payment = em.fork().create(PaymentSchema, {
      id: 'pay_plain',
      store: store.id,
      livemode: false,
      orderId: order.id,
      status: 'pending',
      amount: 11480,
      currency: 'BRL',
      method: 'pix',
      installments: null,
      provider: 'mercadopago',
      providerPaymentId: '123',
      providerUpdatedAt: new Date('2026-12-01T10:00:00.123Z'),
      pix: { qr_code: '000201…', qr_code_base64: 'iVBOR', ticket_url: null, expires_at: '2026-12-02T10:00:00.000Z' },
    } as never);
    await em.fork().persistAndFlush(payment);
    const paymentRow = await rowOf(em, 'payments', 'pay_plain');
    const plainPayment = plainReader(em, PaymentSchema)(paymentRow);
    expect(plainPayment).toEqual(hydratedByOrm(em, PaymentSchema, paymentRow));
    expect(plainPayment).toMatchObject({ reconciledAt: null, installments: null, version: 1 });
    expect(plainPayment.providerUpdatedAt?.toISOString()).toBe('2026-12-01T10:00:00.123Z');

    const jobId = await instance.jobs.enqueue(
      em.fork(),
      'test.plain',
      { order_id: order.id, tries: [1, 2] },
      { storeId: store.id, dedupeKey: 'plain:1' },
    );
    const jobRow = await rowOf(em, 'jobs', jobId!);
    expect(plainReader(em, JobSchema)(jobRow)).toEqual(hydratedByOrm(em, JobSchema, jobRow));
  });

  it('answer GET /v1/orders/:id-style reads with what was written', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    const created = await instance.orders.create(
      SCOPE(store.id),
      CreateOrderInput.parse({ items: [{ sku: 'B', name: 'Caneca', quantity: 1, unit_amount: 2500 }] }),
    );
    const read = await instance.orders.get(SCOPE(store.id), created.id);
    expect(read).toMatchObject({ id: created.id, status: created.status, amountTotal: 2500, items: created.items, livemode: false });
    expect(read.updatedAt.getTime()).toBe(created.updatedAt.getTime());
  });
});
