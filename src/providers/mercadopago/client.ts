import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MercadoPagoConfig } from 'mercadopago';
import { isTimeout, RETRYABLE_HTTP, toProviderError } from './errors.js';
import { mercadoPagoSdk } from './sdk.js';

/** The origin the SDK hard-codes (`AppConfig.BASE_URL`, reference §12). */
export const MP_API_ORIGIN = 'https://api.mercadopago.com';

export interface ClientSettings {
  accessToken: string;
  /** `BAAS_MERCADOPAGO_API_URL`; may carry a path (`http://host/sandbox/mercadopago`). */
  baseUrl: string;
  timeoutMs: number;
  /** Extra attempts after a retryable failure (429, 5xx, connection error; never a timeout). */
  retries: number;
  retryDelayMs: number;
  /** Set when `baseUrl` is not MP's origin; see redirectingDispatcher. */
  dispatcher?: Dispatcher;
}

/**
 * The slice of undici's Dispatcher that Node's fetch calls. Node's fetch (undici) takes a
 * non-standard `dispatcher` in its init, and the SDK spreads `config.options` into that init
 * (`fetch(url, { ...options, method, signal })`, dist/utils/restClient), so a dispatcher per
 * config redirects this store's calls and nobody else's.
 */
interface DispatchOptions {
  origin?: string | URL;
  path: string;
  [key: string]: unknown;
}
export interface Dispatcher {
  dispatch(options: DispatchOptions, handler: unknown): boolean;
}

/** Key under which undici (Node's fetch included) keeps the process-wide dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/**
 * A dispatcher that sends requests for MP's origin to `baseUrl` instead, through whatever
 * dispatcher is global (keep-alive pools, proxies, test mocks all keep working). Requests to
 * other origins (a redirect elsewhere) pass through untouched. No global state is changed:
 * `AppConfig.BASE_URL` is shared by every store, so setting it would race between stores.
 */
export function redirectingDispatcher(baseUrl: string): Dispatcher {
  const target = new URL(baseUrl);
  const origin = target.origin;
  const prefix = target.pathname.replace(/\/+$/, '');
  return {
    dispatch(options, handler) {
      const global = (globalThis as Record<symbol, Dispatcher | undefined>)[GLOBAL_DISPATCHER];
      if (!global) throw new Error('Node fetch has no global dispatcher'); // fetch installs it before dispatching
      const from = options.origin === undefined ? '' : new URL(String(options.origin)).origin;
      if (from !== MP_API_ORIGIN) return global.dispatch(options, handler);
      return global.dispatch({ ...options, origin, path: `${prefix}${options.path}` }, handler);
    },
  };
}

/**
 * Settings for one store and mode, checked once: a bad `BAAS_MERCADOPAGO_API_URL` fails when
 * the provider is built, not on a buyer's payment. The redirect is only installed when the
 * base URL is not MP's own.
 */
export function clientSettings(options: Omit<ClientSettings, 'dispatcher'>): ClientSettings {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`Mercado Pago base URL is not a URL: ${options.baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`Mercado Pago base URL must be http(s): ${options.baseUrl}`);
  if (!(options.timeoutMs > 0)) throw new TypeError('timeoutMs must be positive');
  if (!Number.isInteger(options.retries) || options.retries < 0) throw new TypeError('retries must be a non-negative integer');
  const isMp = url.origin === MP_API_ORIGIN && url.pathname.replace(/\/+$/, '') === '';
  return { ...options, dispatcher: isMp ? undefined : redirectingDispatcher(options.baseUrl) };
}

export interface CallContext {
  /** A fresh config for this call: the SDK writes per-call options back into the config it is given (sdk-nodejs#481). */
  config: MercadoPagoConfig;
  /** Same across this call's attempts, so MP runs a retried POST at most once. */
  idempotencyKey: string;
}

/**
 * Runs one MP operation with our retry policy. The SDK's own retries are off (`maxRetries: 0`):
 * it would also retry timeouts (doubling a 10 s wait inside an API request) and cap
 * `Retry-After` at its max delay (retrying before MP allows). Here a 429/5xx/connection
 * failure is retried `retries` times with backoff and the same idempotency key; a timeout is
 * not (outcome unknown: the caller's job retries with the same key, or searches); 429 is retried
 * only when MP's `Retry-After` fits in the retry delay budget, otherwise it is the caller's job.
 */
export async function callMercadoPago<T>(
  settings: ClientSettings,
  operation: (context: CallContext) => Promise<T>,
  idempotencyKey: string = randomUUID(),
): Promise<T> {
  const { dispatcher } = settings;
  const { MercadoPagoConfig } = mercadoPagoSdk();
  for (let attempt = 0; ; attempt++) {
    const config = new MercadoPagoConfig({
      accessToken: settings.accessToken,
      options: {
        timeout: settings.timeoutMs,
        idempotencyKey,
        maxRetries: 0,
        // Not in the SDK's Options type; passed through to fetch's init (see redirectingDispatcher).
        ...(dispatcher ? ({ dispatcher } as object) : {}),
      },
    });
    try {
      return await operation({ config, idempotencyKey });
    } catch (error) {
      const wait = attempt < settings.retries ? retryDelay(error, attempt, settings.retryDelayMs) : null;
      if (wait === null) throw toProviderError(error, settings.timeoutMs);
      await sleep(wait);
    }
  }
}

/** Milliseconds to wait before retrying, or null when this failure is not ours to retry. */
function retryDelay(error: unknown, attempt: number, baseDelayMs: number): number | null {
  const backoff = baseDelayMs * 2 ** attempt;
  const { MercadoPagoError, MPConnectionError, MPRateLimitError } = mercadoPagoSdk();
  if (error instanceof MPConnectionError) return isTimeout(error) ? null : backoff;
  if (error instanceof MPRateLimitError && error.retryAfter !== null) {
    const asked = error.retryAfter * 1000;
    return asked <= baseDelayMs * 2 ** 3 ? Math.max(asked, backoff) : null;
  }
  if (error instanceof MercadoPagoError && RETRYABLE_HTTP.has(error.status)) return backoff;
  return null;
}
