import type { PaymentStatus, ProviderRefundStatus } from '../../modules/payments/payment-provider.js';

/** MP payment `status` → ours (reference §3). Same words today, but MP's are not our contract. */
const STATUS: Readonly<Record<string, PaymentStatus>> = {
  pending: 'pending',
  in_process: 'in_process',
  authorized: 'authorized',
  approved: 'approved',
  rejected: 'rejected',
  cancelled: 'cancelled',
  refunded: 'refunded',
  in_mediation: 'in_mediation',
  charged_back: 'charged_back',
};

/**
 * Our status for MP's `status` + `status_detail`, or null for a status MP added after this
 * was written: the caller must not guess a transition for money it does not understand.
 * A partial refund keeps MP's status `approved` and says so only in the detail (§3).
 */
export function mapPaymentStatus(status: string, statusDetail: string | null | undefined): PaymentStatus | null {
  const mapped = Object.hasOwn(STATUS, status) ? STATUS[status]! : null;
  if (mapped === 'approved' && statusDetail === 'partially_refunded') return 'partially_refunded';
  return mapped;
}

/** MP refund `status` (§4): `in_process` is still moving; unknown ones are treated the same. */
export function mapRefundStatus(status: string | null | undefined): ProviderRefundStatus {
  if (status === 'approved') return 'succeeded';
  if (status === 'rejected' || status === 'cancelled') return 'failed';
  return 'pending';
}
