import { expect } from 'vitest';
import { PaymentProviderError } from '../../../src/modules/payments/payment-provider.js';

/** The PaymentProviderError a call is expected to fail with (and a failed test if it succeeds). */
export async function rejection(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentProviderError);
  return error as PaymentProviderError;
}
