import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { invalidRequest, invalidState, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { traceAlso } from '../activity/trace.js';
import { OrderSchema, type Order } from '../orders/order.entity.js';
import { ownership, scopedEm, type Scope } from '../tenancy/scope.js';
import type { CreateCheckout } from './checkout-input.js';
import { CheckoutSchema, type Checkout } from './checkout.entity.js';
import type { CheckoutItem } from './payment-provider.js';
import type { ProviderRegistry } from './provider-registry.js';

const DEFAULT_LIFETIME_MS = 24 * 3600_000;
/** Mercado Pago keeps preferences payable for at most this long in practice; longer is a typo. */
const MAX_LIFETIME_MS = 90 * 24 * 3600_000;

/**
 * Checkout Pro: a payment link for an order on the provider's own page. Nothing is charged
 * here, so nothing is written before the provider answers; payments made on the page arrive
 * by notification (or reconciliation) and are linked back through the checkout id, which is
 * the link's external_reference.
 */
export class CheckoutService {
  constructor(
    private readonly orm: Orm,
    private readonly providers: ProviderRegistry,
    private readonly clock: Clock,
  ) {}

  async create(scope: Scope, orderId: string, input: CreateCheckout): Promise<Checkout> {
    const em = scopedEm(this.orm, scope);
    const order = await em.findOne(OrderSchema, { id: orderId });
    if (!order) throw notFound('resource_missing', `No such order: ${orderId}`);
    traceAlso({ orderId });
    if (order.status !== 'pending') {
      throw invalidState('order_not_payable', `This order is ${order.status}; only pending orders take payments.`);
    }
    const expiresAt = this.expiry(input.expires_at);
    const { provider, notificationUrl } = await this.providers.target(scope.storeId, scope.mode);
    const id = newId('chk');
    const created = await provider.createCheckout({
      externalReference: id,
      items: checkoutItems(order),
      currency: order.currency as never,
      payer: { email: order.customer.email, name: order.customer.name },
      backUrls: { success: input.success_url, failure: input.failure_url, pending: input.pending_url },
      notificationUrl: notificationUrl ?? undefined,
      expiresAt,
    });
    const checkout = em.create(CheckoutSchema, {
      id,
      ...ownership(scope),
      orderId,
      provider: 'mercadopago',
      providerPreferenceId: created.providerPreferenceId,
      url: created.url,
      expiresAt,
      reconciledAt: null,
    });
    await em.flush();
    return checkout;
  }

  private expiry(requested: string | undefined): Date {
    const now = this.clock.now().getTime();
    if (!requested) return new Date(now + DEFAULT_LIFETIME_MS);
    const at = new Date(requested);
    if (at.getTime() <= now) throw invalidRequest('invalid_expires_at', 'expires_at must be in the future', 'expires_at');
    if (at.getTime() - now > MAX_LIFETIME_MS) throw invalidRequest('invalid_expires_at', 'expires_at must be within 90 days', 'expires_at');
    return at;
  }
}

/** The order's lines as the provider shows them; shipping as a line of its own so the totals match. */
function checkoutItems(order: Order): CheckoutItem[] {
  const items: CheckoutItem[] = order.items.map((item) => ({
    id: item.sku,
    title: item.name,
    quantity: item.quantity,
    unitAmount: item.unit_amount,
  }));
  if (order.shippingAmount > 0) items.push({ id: 'shipping', title: 'Shipping', quantity: 1, unitAmount: order.shippingAmount });
  return items;
}
