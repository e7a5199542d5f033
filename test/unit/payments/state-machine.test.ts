import { describe, expect, it } from 'vitest';
import type { PaymentStatus } from '../../../src/modules/payments/payment-provider.js';
import {
  canTransition,
  decide,
  PAYMENT_STATUSES,
  PAYMENT_TRANSITIONS,
  type StatusRead,
} from '../../../src/modules/payments/state-machine.js';

/** A small seeded generator, so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/** A lifecycle Mercado Pago could really produce: a walk along the transition table. */
function walk(random: () => number): PaymentStatus[] {
  const path: PaymentStatus[] = ['pending'];
  for (let step = 0; step < 6; step++) {
    const options = PAYMENT_TRANSITIONS[path.at(-1)!];
    if (options.length === 0 || random() < 0.15) break;
    path.push(options[Math.floor(random() * options.length)]!);
  }
  return path;
}

describe('payment state machine', () => {
  it('allows forward moves, including skipped steps, and never leaves a final status', () => {
    expect(canTransition('pending', 'approved')).toBe(true);
    expect(canTransition('pending', 'refunded')).toBe(true); // approved was never read
    expect(canTransition('approved', 'pending')).toBe(false);
    expect(canTransition('rejected', 'approved')).toBe(false);
    expect(canTransition('in_mediation', 'approved')).toBe(true);
    for (const final of ['rejected', 'cancelled', 'refunded', 'charged_back'] as const) {
      for (const to of PAYMENT_STATUSES) expect(canTransition(final, to), `${final} → ${to}`).toBe(false);
    }
  });

  it('ignores stale, repeated and backward reads', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, s));
    expect(decide({ status: 'approved', providerUpdatedAt: at(10) }, { status: 'pending', providerUpdatedAt: at(5) })).toEqual({
      apply: false,
      reason: 'stale',
    });
    expect(decide({ status: 'approved', providerUpdatedAt: at(10) }, { status: 'approved', providerUpdatedAt: at(10) })).toEqual({
      apply: false,
      reason: 'unchanged',
    });
    expect(decide({ status: 'approved', providerUpdatedAt: null }, { status: 'pending', providerUpdatedAt: null })).toEqual({
      apply: false,
      reason: 'not_allowed',
    });
    expect(decide({ status: 'pending', providerUpdatedAt: at(1) }, { status: 'approved', providerUpdatedAt: at(2) })).toEqual({
      apply: true,
      from: 'pending',
      to: 'approved',
    });
  });

  it('property: reads of a real lifecycle, duplicated and shuffled, end at the latest read and only ever move forward', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const random = rng(seed);
      const path = walk(random);
      const reads: StatusRead[] = path.map((status, i) => ({ status, providerUpdatedAt: new Date(1_000_000 + i * 1000) }));
      // Notifications arrive twice, late and out of order; each one triggers a fresh read.
      const arrivals = [...reads, ...reads.filter(() => random() < 0.5)].sort(() => random() - 0.5);
      let current: StatusRead = reads[0]!;
      for (const read of arrivals) {
        const decision = decide(current, read);
        if (decision.apply) {
          expect(canTransition(decision.from, decision.to), `seed ${seed}: ${decision.from} → ${decision.to}`).toBe(true);
          current = read;
        }
      }
      expect(current.status, `seed ${seed}: path ${path.join(' → ')}`).toBe(reads.at(-1)!.status);
    }
  });
});
