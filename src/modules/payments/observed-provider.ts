import { performance } from 'node:perf_hooks';
import { AppError } from '../../shared/errors.js';
import type { ActivityLog } from '../activity/activity-log.js';
import type { PaymentProvider } from './payment-provider.js';

type Operation = keyof PaymentProvider;
const OPERATIONS: Operation[] = ['createCheckout', 'createPayment', 'getPayment', 'searchByExternalReference', 'refund', 'cancel'];

/** The provider's id of what a call was about: the payment it names, or the one it answered with. */
function providerRef(operation: Operation, args: unknown[], result: unknown): string | null {
  if (operation === 'getPayment' || operation === 'cancel') return String(args[0]);
  if (operation === 'refund') return (args[0] as { providerPaymentId: string }).providerPaymentId;
  const answered = result as { providerPaymentId?: string | null } | undefined;
  return answered?.providerPaymentId ?? null;
}

/**
 * The same provider, with every call recorded in the activity log: operation, outcome, duration
 * and the provider's error code, linked to whatever the current trace is about (the request or
 * job, the store, the payment).
 */
export function observedProvider(provider: PaymentProvider, activity: ActivityLog, name: string): PaymentProvider {
  if (!activity.enabled) return provider;
  const observed = {} as PaymentProvider;
  for (const operation of OPERATIONS) {
    const call = provider[operation].bind(provider) as (...args: unknown[]) => Promise<unknown>;
    (observed as unknown as Record<Operation, unknown>)[operation] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        const result = await call(...args);
        activity.record({
          kind: 'provider_call',
          summary: `${name} ${operation}: ok`,
          durationMs: performance.now() - started,
          outcome: 'ok',
          providerRef: providerRef(operation, args, result),
          detail: { provider: name, operation },
        });
        return result;
      } catch (error) {
        const code = error instanceof AppError ? error.code : 'error';
        activity.record({
          kind: 'provider_call',
          level: 'warn',
          summary: `${name} ${operation}: ${code}`,
          durationMs: performance.now() - started,
          outcome: code,
          providerRef: providerRef(operation, args, undefined),
          detail: { provider: name, operation, error: (error as Error).message },
        });
        throw error;
      }
    };
  }
  return observed;
}
