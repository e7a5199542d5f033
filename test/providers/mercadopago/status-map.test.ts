import { describe, expect, it } from 'vitest';
import { mapPaymentStatus, mapRefundStatus } from '../../../src/providers/mercadopago/status-map.js';

describe('Mercado Pago status mapping', () => {
  it.each([
    ['pending', 'pending_waiting_transfer', 'pending'],
    ['pending', 'pending_waiting_payment', 'pending'],
    ['in_process', 'pending_contingency', 'in_process'],
    ['in_process', 'pending_review_manual', 'in_process'],
    ['authorized', 'pending_capture', 'authorized'],
    ['approved', 'accredited', 'approved'],
    ['approved', 'partially_refunded', 'partially_refunded'],
    ['rejected', 'cc_rejected_other_reason', 'rejected'],
    ['rejected', 'cc_rejected_insufficient_amount', 'rejected'],
    ['cancelled', 'expired', 'cancelled'],
    ['cancelled', 'by_collector', 'cancelled'],
    ['refunded', 'refunded', 'refunded'],
    ['in_mediation', 'in_process', 'in_mediation'],
    ['charged_back', 'settled', 'charged_back'],
    ['approved', null, 'approved'],
  ] as const)('%s / %s → %s', (status, detail, expected) => {
    expect(mapPaymentStatus(status, detail)).toBe(expected);
  });

  it('an unknown MP status maps to nothing rather than a guess', () => {
    expect(mapPaymentStatus('on_hold', 'whatever')).toBeNull();
    expect(mapPaymentStatus('', null)).toBeNull();
    expect(mapPaymentStatus('toString', null)).toBeNull(); // not an inherited property
  });

  it.each([
    ['approved', 'succeeded'],
    ['in_process', 'pending'],
    ['rejected', 'failed'],
    ['cancelled', 'failed'],
    [undefined, 'pending'],
  ] as const)('refund %s → %s', (status, expected) => {
    expect(mapRefundStatus(status)).toBe(expected);
  });
});
