import { BaasConnectionError, errorFromResponse } from './errors.js';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, type RetryPolicy } from './retry.js';

export interface ClientOptions {
  /** `sk_test_…` / `sk_live_…` (or a `pk_…` key for `publicConfig` only). */
  apiKey: string;
  /** Where baas answers; `http://127.0.0.1:4000` by default. */
  baseUrl?: string;
  /** Retries of a failed attempt (429, 5xx, network errors); 2 by default, 0 turns them off. */
  maxRetries?: number;
  /** Per attempt; 60 s by default (a payment may wait on Mercado Pago for 10 s). */
  timeoutMs?: number;
  /** Another fetch (a proxy agent, a test double); the global one by default. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Your own key for this POST; one is made per call otherwise, and reused by its retries. */
  idempotencyKey?: string;
  /** Sent as X-Request-Id, to find this call in baas' logs. */
  requestId?: string;
  signal?: AbortSignal;
}

export type Query = Record<string, string | number | boolean | undefined>;

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
}

/** One API call: JSON in and out, the Idempotency-Key on POSTs, retries, and errors as typed exceptions. */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = (options.baseUrl ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
    this.policy = { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async request<Result>(call: Call, options: RequestOptions = {}): Promise<Result> {
    const url = this.url(call);
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    // One key for the logical call: a retry after a lost answer replays it instead of doing it twice.
    if (call.method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    if (options.requestId) headers['x-request-id'] = options.requestId;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);

    for (let retry = 0; ; retry++) {
      let response: Response;
      let parsed: unknown;
      try {
        response = await this.fetch(url, { method: call.method, headers, body, signal: this.signal(options.signal) });
        parsed = await readJson(response);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const delay = retryDelayMs(retry, undefined, this.policy);
        if (delay === null) throw new BaasConnectionError(`${call.method} ${call.path}: ${(error as Error).message}`, { cause: error });
        await sleep(delay, options.signal);
        continue;
      }
      if (response.ok) return parsed as Result;
      const error = errorFromResponse(response.status, parsed, response.headers);
      const delay = isRetryable(response.status, error.code, response.headers) ? retryDelayMs(retry, response.headers, this.policy) : null;
      if (delay === null) throw error;
      await sleep(delay, options.signal);
    }
  }

  private url({ path, query }: Call): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(name, String(value));
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  private signal(caller: AbortSignal | undefined): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return caller ? AbortSignal.any([caller, timeout]) : timeout;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
