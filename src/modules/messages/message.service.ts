import type { Orm } from '../../db/orm.js';
import { paginate, type Page } from '../../db/paginate.js';
import { invalidRequest, notFound } from '../../shared/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { OrderSchema, type Order } from '../orders/order.entity.js';
import { StoreSchema } from '../stores/store.entity.js';
import { scopedEm, type Scope } from '../tenancy/scope.js';
import type { ChannelName } from './channel.js';
import type { CreateMessage, ListMessages } from './message-input.js';
import { MessageSchema, type Message } from './message.entity.js';
import type { MessageTargets } from './message-targets.js';
import { queueMessage } from './queue-message.js';
import { renderMessage } from './render-message.js';
import type { MessageRenderer } from './renderer.js';
import { templateContext } from './template-context.js';

/** The customer's address on a channel, from the order. */
export function recipientOf(order: Order | null, channel: ChannelName): string | undefined {
  return channel === 'email' ? order?.customer.email : order?.customer.phone;
}

/** Messages the storefront asks for (POST /v1/messages) and what became of them. */
export class MessageService {
  constructor(
    private readonly orm: Orm,
    private readonly jobs: JobQueue,
    private readonly targets: MessageTargets,
    private readonly renderer: MessageRenderer,
  ) {}

  /**
   * Rendered before anything is written, so a template that lacks a variable is a 400 naming
   * it, and a channel the store cannot use is a 409; accepted messages are queued for sending.
   */
  async create(scope: Scope, input: CreateMessage): Promise<Message> {
    const em = scopedEm(this.orm, scope);
    const store = await em.findOneOrFail(StoreSchema, { id: scope.storeId });
    const order = input.order_id ? await em.findOne(OrderSchema, { id: input.order_id }) : null;
    if (input.order_id && !order) throw notFound('resource_missing', `No such order: ${input.order_id}`);
    const to = input.to ?? recipientOf(order, input.channel);
    if (!to) {
      const what = input.channel === 'email' ? 'an e-mail address' : 'a phone number';
      throw invalidRequest(
        'parameter_missing',
        `to is required: give ${what}${order ? ' (the order has none)' : ' or an order_id'}.`,
        'to',
      );
    }
    const locale = input.locale ?? order?.customer.locale ?? store.locale;
    const content = await renderMessage(this.renderer, this.targets, {
      store,
      mode: scope.mode,
      channel: input.channel,
      template: input.template,
      locale,
      data: templateContext({ store, order, data: input.data }),
    });
    return em.transactional((tx) =>
      queueMessage(tx, this.jobs, scope, {
        channel: input.channel,
        to,
        template: input.template,
        locale,
        orderId: order?.id ?? null,
        content,
      }),
    );
  }

  async get(scope: Scope, id: string): Promise<Message> {
    const message = await scopedEm(this.orm, scope).findOne(MessageSchema, { id });
    if (!message) throw notFound('resource_missing', `No such message: ${id}`);
    return message;
  }

  async list(scope: Scope, query: ListMessages): Promise<Page<Message>> {
    return paginate(
      scopedEm(this.orm, scope),
      MessageSchema,
      {
        ...(query.order_id ? { orderId: query.order_id } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
      },
      query,
    );
  }
}
