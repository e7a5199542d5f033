import type { Order, Payment, WebhookEvent } from '../../src/client/index.js';

export interface KnownOrder {
  order: Order;
  payments: Map<string, Payment>;
  /** The verified webhooks about this order, in the order they arrived. */
  events: { id: string; type: string }[];
}

/**
 * What the shop knows about its orders, kept current by verified webhooks. Webhooks may come
 * twice and out of order: a repeated event id is ignored, and an object older than the one
 * already known (by `updated_at`) does not overwrite it.
 */
export class OrderBook {
  private readonly orders = new Map<string, KnownOrder>();
  private readonly seen = new Set<string>();

  remember(order: Order): KnownOrder {
    const known = this.orders.get(order.id) ?? { order, payments: new Map(), events: [] };
    if (order.updated_at >= known.order.updated_at) known.order = order;
    this.orders.set(order.id, known);
    return known;
  }

  get(orderId: string): KnownOrder | undefined {
    return this.orders.get(orderId);
  }

  /** Applies a verified webhook; false when it was a duplicate. */
  apply(event: WebhookEvent): boolean {
    if (this.seen.has(event.id)) return false;
    this.seen.add(event.id);
    const resource = event.data.object;
    if (resource.object === 'order') {
      this.remember(resource).events.push({ id: event.id, type: event.type });
    } else if (resource.object === 'payment') {
      const known = this.orders.get(resource.order_id);
      if (!known) return true; // an order of another storefront sharing the store
      const previous = known.payments.get(resource.id);
      if (!previous || resource.updated_at >= previous.updated_at) known.payments.set(resource.id, resource);
      known.events.push({ id: event.id, type: event.type });
    }
    return true;
  }
}
