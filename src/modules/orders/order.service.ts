import { UniqueConstraintViolationException } from '../../db/mikro-orm.js';
import type { Orm } from '../../db/orm.js';
import type { Reads } from '../../db/reads.js';
import { paginate, type Page } from '../../db/paginate.js';
import { AppError, invalidRequest, invalidState, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { recordEvent } from '../events/record-event.js';
import { traceAlso } from '../activity/trace.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { ownership, readScoped, scopedEm, type Scope } from '../tenancy/scope.js';
import { MAX_AMOUNT, type CreateOrder, type ListOrders } from './order-input.js';
import { OrderSchema, type Order } from './order.entity.js';
import { orderJson } from './order.json.js';

export class OrderService {
  constructor(
    private readonly orm: Orm,
    private readonly reads: Reads,
    private readonly jobs: JobQueue,
  ) {}

  /** Totals are computed here from the items, never taken from the client. */
  async create(scope: Scope, input: CreateOrder): Promise<Order> {
    const em = scopedEm(this.orm, scope);
    const store = await this.storeDefaults(scope.storeId);
    const currency = input.currency ?? store.currency;
    if (currency !== store.currency) {
      throw invalidRequest('currency_unsupported', `This store sells in ${store.currency}; ${currency} is not supported.`, 'currency');
    }
    const items = input.items.map((item) => ({ ...item, amount: item.quantity * item.unit_amount }));
    const subtotal = items.reduce((sum, item) => sum + BigInt(item.quantity) * BigInt(item.unit_amount), 0n);
    const total = subtotal + BigInt(input.shipping_amount);
    if (total > BigInt(MAX_AMOUNT)) throw invalidRequest('amount_too_large', 'The order total is too large.', 'items');

    try {
      return await em.transactional(async (tx) => {
        const order = tx.create(OrderSchema, {
          id: newId('ord'),
          ...ownership(scope),
          externalId: input.external_id ?? null,
          currency,
          items,
          amountSubtotal: Number(subtotal),
          shippingAmount: input.shipping_amount,
          amountTotal: Number(total),
          customer: input.customer,
          customerEmail: input.customer.email?.toLowerCase() ?? null,
          notify: { email: input.notify.email ?? store.notifyEmail, whatsapp: input.notify.whatsapp ?? store.notifyWhatsapp },
          metadata: input.metadata,
        });
        await tx.flush();
        await recordEvent(tx, this.jobs, scope, 'order.created', { object: orderJson(order), orderId: order.id });
        return order;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new AppError(
          409,
          'invalid_state_error',
          'external_id_exists',
          `An order with external_id ${input.external_id} already exists.`,
          {
            param: 'external_id',
          },
        );
      }
      throw error;
    }
  }

  /** What an order takes from its store, read beside the writer rather than as an ORM entity. */
  private async storeDefaults(storeId: string): Promise<{ currency: string; notifyEmail: boolean; notifyWhatsapp: boolean }> {
    const row = await this.reads.one<{ currency: string; notify_email: unknown; notify_whatsapp: unknown }>(
      'select currency, notify_email, notify_whatsapp from stores where id = ?',
      [storeId],
    );
    if (!row) throw notFound('resource_missing', `No such store: ${storeId}`);
    // SQLite answers 0/1, PostgreSQL booleans.
    return { currency: row.currency, notifyEmail: Boolean(row.notify_email), notifyWhatsapp: Boolean(row.notify_whatsapp) };
  }

  /** The storefront's most frequent call: one indexed statement on Reads (see readScoped), not an ORM query. */
  async get(scope: Scope, id: string): Promise<Order> {
    const order = await readScoped(this.orm, this.reads, OrderSchema, scope, id);
    if (!order) throw notFound('resource_missing', `No such order: ${id}`);
    traceAlso({ orderId: id });
    return order;
  }

  async list(scope: Scope, query: ListOrders): Promise<Page<Order>> {
    return paginate(
      scopedEm(this.orm, scope),
      OrderSchema,
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.external_id ? { externalId: query.external_id } : {}),
        ...(query.customer_email ? { customerEmail: query.customer_email.toLowerCase() } : {}),
      },
      query,
    );
  }

  /** Only a pending order (no approved payment) can be cancelled. */
  async cancel(scope: Scope, id: string): Promise<Order> {
    return scopedEm(this.orm, scope).transactional(async (em) => {
      const order = await em.findOne(OrderSchema, { id });
      if (!order) throw notFound('resource_missing', `No such order: ${id}`);
      if (order.status !== 'pending') {
        throw invalidState('order_not_cancellable', `Only pending orders can be cancelled; this one is ${order.status}.`);
      }
      order.status = 'cancelled';
      await em.flush();
      await recordEvent(em, this.jobs, scope, 'order.cancelled', {
        object: orderJson(order),
        previousAttributes: { status: 'pending' },
        orderId: order.id,
      });
      return order;
    });
  }
}
