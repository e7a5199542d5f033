import { describe, expect, it } from 'vitest';
import { SimulatorState } from '../../../src/simulators/mercadopago/state.js';

describe('simulator ids', () => {
  it('keep increasing across restarts, so records a server kept never match a new payment', async () => {
    const before = new SimulatorState(null);
    await new Promise((resolve) => setTimeout(resolve, 2));
    const after = new SimulatorState(null);
    expect(after.nextPaymentId).toBeGreaterThan(before.nextPaymentId);
    expect(after.nextRefundId).toBeGreaterThan(before.nextRefundId);
    expect(String(after.nextPaymentId)).toMatch(/^\d{13}$/);
  });
});
