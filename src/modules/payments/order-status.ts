import type { OrderStatus } from '../orders/order.entity.js';
import type { PaymentStatus } from './payment-provider.js';

export interface PaymentMoney {
  status: PaymentStatus;
  amount: number;
  amountRefunded: number;
}

/** Statuses in which the buyer's money reached the store (even if some went back since). */
const CAPTURED = new Set<PaymentStatus>(['approved', 'partially_refunded', 'refunded', 'in_mediation', 'charged_back']);
const DISPUTED = new Set<PaymentStatus>(['in_mediation', 'charged_back']);

/**
 * An order's status and money follow from its payments, never from a notification directly:
 * recomputed after every payment transition, so a late or repeated one cannot desynchronise them.
 */
export function deriveOrder(order: { status: OrderStatus; amountTotal: number }, payments: PaymentMoney[]) {
  const captured = payments.filter((p) => CAPTURED.has(p.status));
  const amountPaid = captured.reduce((sum, p) => sum + p.amount, 0);
  const amountRefunded = captured.reduce((sum, p) => sum + p.amountRefunded, 0);
  let status: OrderStatus;
  if (payments.some((p) => DISPUTED.has(p.status))) status = 'disputed';
  else if (amountPaid > 0 && amountRefunded >= amountPaid) status = 'refunded';
  else if (amountRefunded > 0) status = 'partially_refunded';
  else if (amountPaid > 0 && amountPaid >= order.amountTotal) status = 'paid';
  else status = order.status === 'cancelled' ? 'cancelled' : 'pending';
  return { status, amountPaid, amountRefunded };
}
