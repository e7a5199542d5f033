import { PAYMENT_TRANSITIONS } from '../../src/modules/payments/state-machine.js';
import type { PaymentStatus } from '../../src/modules/payments/payment-provider.js';
import { pick, type Random } from './random.js';

/**
 * What Mercado Pago does to one payment after it is created: `steps` status changes, each one
 * our state machine allows directly, so its final status is one baas must end in. The
 * approved ⇄ in_mediation cycle makes long lives possible; a few payments end at once.
 * Partial refunds are left out: MP shows them as `approved` with a detail, not as a status to force.
 */
export function paymentWalk(random: Random, steps: number): PaymentStatus[] {
  const walk: PaymentStatus[] = [];
  let current: PaymentStatus = 'pending';
  const endEarly = random() < 0.1;
  for (let step = 0; step < steps; step++) {
    const last = endEarly || step === steps - 1;
    const next: PaymentStatus[] = PAYMENT_TRANSITIONS[current].filter(
      (s) => s !== 'partially_refunded' && (last || PAYMENT_TRANSITIONS[s].length > 0),
    );
    if (next.length === 0) break;
    current = pick(random, next);
    walk.push(current);
    if (last) break;
  }
  return walk;
}
