import { describe, expect, it } from 'vitest';
import { deriveOrder } from '../../../src/modules/payments/order-status.js';

const order = { status: 'pending' as const, amountTotal: 11480 };

describe('deriveOrder', () => {
  it('follows the payments: pending, paid, partially refunded, refunded, disputed', () => {
    expect(deriveOrder(order, [])).toEqual({ status: 'pending', amountPaid: 0, amountRefunded: 0 });
    expect(deriveOrder(order, [{ status: 'rejected', amount: 11480, amountRefunded: 0 }]).status).toBe('pending');
    expect(deriveOrder(order, [{ status: 'approved', amount: 11480, amountRefunded: 0 }])).toEqual({
      status: 'paid',
      amountPaid: 11480,
      amountRefunded: 0,
    });
    expect(deriveOrder(order, [{ status: 'partially_refunded', amount: 11480, amountRefunded: 1500 }])).toEqual({
      status: 'partially_refunded',
      amountPaid: 11480,
      amountRefunded: 1500,
    });
    expect(deriveOrder(order, [{ status: 'refunded', amount: 11480, amountRefunded: 11480 }]).status).toBe('refunded');
    expect(deriveOrder(order, [{ status: 'charged_back', amount: 11480, amountRefunded: 0 }]).status).toBe('disputed');
  });

  it('counts only money that arrived, and keeps a cancelled order cancelled until some does', () => {
    const payments = [
      { status: 'approved' as const, amount: 5000, amountRefunded: 0 },
      { status: 'pending' as const, amount: 6480, amountRefunded: 0 },
    ];
    expect(deriveOrder(order, payments)).toEqual({ status: 'pending', amountPaid: 5000, amountRefunded: 0 });
    expect(deriveOrder({ ...order, status: 'cancelled' }, [{ status: 'cancelled', amount: 11480, amountRefunded: 0 }]).status).toBe(
      'cancelled',
    );
  });
});
