import type { PaymentStatus } from './payment-provider.js';

/**
 * The payment lifecycle as a table of direct transitions (derived from the reference's §3;
 * Mercado Pago publishes no graph). Reads can skip states (a notification lost, a payment
 * approved and refunded between two reads), so a transition is allowed when the new status
 * is reachable from the current one, not only when it is one step away.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['in_process', 'authorized', 'approved', 'rejected', 'cancelled'],
  in_process: ['approved', 'rejected', 'cancelled'],
  authorized: ['approved', 'cancelled'],
  approved: ['partially_refunded', 'refunded', 'in_mediation', 'charged_back'],
  partially_refunded: ['refunded', 'in_mediation', 'charged_back'],
  in_mediation: ['approved', 'partially_refunded', 'refunded', 'charged_back'],
  rejected: [],
  cancelled: [],
  refunded: [],
  charged_back: [],
};

export const PAYMENT_STATUSES = Object.keys(PAYMENT_TRANSITIONS) as PaymentStatus[];

const REACHABLE: ReadonlyMap<PaymentStatus, ReadonlySet<PaymentStatus>> = new Map(
  PAYMENT_STATUSES.map((from) => {
    const seen = new Set<PaymentStatus>();
    const queue = [...PAYMENT_TRANSITIONS[from]];
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...PAYMENT_TRANSITIONS[next]);
    }
    return [from, seen];
  }),
);

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return REACHABLE.get(from)!.has(to);
}

export interface StatusRead {
  status: PaymentStatus;
  /** The provider's last-change time for this read (MP's date_last_updated), when it gives one. */
  providerUpdatedAt: Date | null;
}

export type Decision =
  | { apply: true; from: PaymentStatus; to: PaymentStatus }
  | { apply: false; reason: 'stale' | 'unchanged' | 'not_allowed' };

/**
 * What to do with an authoritative read of a payment. Reads arrive late, twice and out of
 * order; the lifecycle has a cycle (approved ⇄ in_mediation), so "can it be reached" alone
 * cannot tell old news from new: a read older than the last one applied is stale.
 */
export function decide(current: StatusRead, read: StatusRead): Decision {
  if (current.providerUpdatedAt && read.providerUpdatedAt && read.providerUpdatedAt < current.providerUpdatedAt) {
    return { apply: false, reason: 'stale' };
  }
  if (read.status === current.status) return { apply: false, reason: 'unchanged' };
  if (!canTransition(current.status, read.status)) return { apply: false, reason: 'not_allowed' };
  return { apply: true, from: current.status, to: read.status };
}
