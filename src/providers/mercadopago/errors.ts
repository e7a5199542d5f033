import { PaymentProviderError } from '../../modules/payments/payment-provider.js';
import { AppError } from '../../shared/errors.js';
import { mercadoPagoSdk } from './sdk.js';

/** HTTP statuses worth another try with the same idempotency key (MP's flaky 5xx, rate limits). */
export const RETRYABLE_HTTP = new Set([429, 500, 502, 503, 504]);

/**
 * Anything the SDK (or our mapping) throws → the one error shape (API.md §2). MP's errors keep
 * MP's code (`mp_<cause code>`, e.g. `mp_2006` for a used card token; `mp_http_<status>` when
 * the body names no cause, as MP's flaky 500s do); a timeout is a 504 whose outcome is unknown.
 */
export function toProviderError(error: unknown, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const { MercadoPagoError, MPConnectionError } = mercadoPagoSdk();
  if (error instanceof MPConnectionError) {
    // The SDK wraps the network failure; its abort on timeout surfaces as an AbortError.
    const cause = (error as unknown as { __cause__?: unknown }).__cause__;
    if (isAbort(cause)) {
      return new PaymentProviderError(504, 'provider_timeout', `Mercado Pago did not answer within ${timeoutMs} ms`, {
        providerHttpStatus: null,
        retryable: true,
        outcomeUnknown: true,
        cause: error,
      });
    }
    return new PaymentProviderError(502, 'provider_unreachable', `Could not reach Mercado Pago: ${error.message}`, {
      providerHttpStatus: null,
      retryable: true,
      outcomeUnknown: true,
      cause: error,
    });
  }
  if (error instanceof MercadoPagoError) {
    const code = causeCode(error.causes);
    const description = causeDescription(error.causes) ?? error.message;
    return new PaymentProviderError(
      502,
      code === null ? `mp_http_${error.status}` : `mp_${code}`,
      `Mercado Pago answered ${error.status}: ${description}`,
      { providerHttpStatus: error.status, retryable: RETRYABLE_HTTP.has(error.status), outcomeUnknown: false, cause: error },
    );
  }
  return new PaymentProviderError(502, 'provider_error', `Mercado Pago call failed: ${String((error as Error)?.message ?? error)}`, {
    providerHttpStatus: null,
    retryable: false,
    outcomeUnknown: false,
    cause: error,
  });
}

/** A response we cannot map (unknown status or currency, impossible amount). */
export function unexpectedResponse(message: string, cause?: unknown): PaymentProviderError {
  return new PaymentProviderError(502, 'provider_unexpected_response', message, {
    providerHttpStatus: null,
    retryable: false,
    outcomeUnknown: false,
    cause,
  });
}

export function isTimeout(error: unknown): boolean {
  return error instanceof mercadoPagoSdk().MPConnectionError && isAbort((error as unknown as { __cause__?: unknown }).__cause__);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** `cause[].code` may be a number or a string ("E702"), and `cause` may be empty (§8). */
function causeCode(causes: unknown[]): string | null {
  for (const cause of causes) {
    const code = (cause as { code?: unknown } | null)?.code;
    if (typeof code === 'number' || (typeof code === 'string' && code.trim() !== '')) {
      return String(code)
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_');
    }
  }
  return null;
}

function causeDescription(causes: unknown[]): string | null {
  const description = (causes[0] as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' && description !== '' ? description : null;
}
