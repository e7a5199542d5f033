import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { guardedLookup, isBlockedAddress, urlHost, type Resolver } from './ssrf-guard.js';

export type SendErrorClass =
  | 'timeout'
  | 'dns'
  | 'connection_refused'
  | 'connection_reset'
  | 'tls'
  | 'blocked_address'
  | 'non_2xx'
  | 'redirect'
  | 'network';

export interface SendResult {
  outcome: 'success' | 'failure';
  statusCode: number | null;
  durationMs: number;
  /** The start of the response body (at most 1 KiB), or null when no response came. */
  responseExcerpt: string | null;
  errorClass: SendErrorClass | null;
  error: string | null;
  /** The receiver's Retry-After on a 429 or 503, in seconds from now. */
  retryAfterSeconds: number | null;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Deadline for the whole attempt, from resolving the name to the response; a body still arriving then is cut short. */
  timeoutMs?: number;
  allowPrivate: boolean;
  agent?: http.Agent | https.Agent;
  /** Where names resolve; tests point names at loopback with it instead of real DNS. */
  resolve?: Resolver;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const EXCERPT_BYTES = 1024;

interface Received {
  statusCode: number;
  headers: IncomingHttpHeaders;
  excerpt: string;
}

/** One delivery attempt. Never throws: whatever happens is described by the result. */
export async function sendWebhook(request: WebhookRequest): Promise<SendResult> {
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const failure = (errorClass: SendErrorClass, error: string): SendResult => ({
    outcome: 'failure',
    statusCode: null,
    durationMs: Math.round(performance.now() - started),
    responseExcerpt: null,
    errorClass,
    error,
    retryAfterSeconds: null,
  });

  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return failure('network', 'The URL is not valid.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failure('network', `Unsupported protocol ${url.protocol}`);
  // An IP literal never goes through `lookup`, so the connect-time guard would not see it.
  const host = urlHost(url);
  if (!request.allowPrivate && isIP(host) !== 0 && isBlockedAddress(host)) {
    return failure('blocked_address', `${host} is a loopback, private, link-local or reserved address.`);
  }

  try {
    const received = await exchange(url, request, timeoutMs);
    return { ...judge(received), durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const errorClass = classify(err);
    return failure(errorClass, errorClass === 'timeout' ? `No response within ${timeoutMs} ms.` : messageOf(err));
  }
}

function exchange(url: URL, request: WebhookRequest, timeoutMs: number): Promise<Received> {
  return new Promise((settle, fail) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      agent: request.agent,
      lookup: guardedLookup(request.allowPrivate, request.resolve),
    });
    // A plain timer rather than AbortSignal.timeout(): its signal, listeners and timer were ~2.4 %
    // of the event loop's time while deliveries were sustained. The error is the one an aborted request gets.
    const deadline = setTimeout(() => req.destroy(Object.assign(new Error('The deadline passed.'), { code: 'ABORT_ERR' })), timeoutMs);
    deadline.unref();
    const resolve = (received: Received) => {
      clearTimeout(deadline);
      settle(received);
    };
    const reject = (err: unknown) => {
      clearTimeout(deadline);
      fail(err);
    };
    let responded = false;
    // Once the status is known it decides the outcome; a later abort only cuts the excerpt short.
    req.on('error', (err) => responded || reject(err));
    req.on('response', (res) => {
      responded = true;
      // Never calling `end()` drops a character cut in half at the limit instead of mangling it.
      const decoder = new StringDecoder('utf8');
      let excerpt = '';
      let remaining = EXCERPT_BYTES;
      const done = () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, excerpt });
      res.on('data', (chunk: Buffer) => {
        excerpt += decoder.write(chunk.subarray(0, remaining));
        remaining -= Math.min(chunk.length, remaining);
        // The rest of the body is of no use to us, and a hostile receiver could send it forever.
        if (remaining === 0) res.destroy();
      });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.end(request.body);
  });
}

function judge({ statusCode, headers, excerpt }: Received): Omit<SendResult, 'durationMs'> {
  const base = { statusCode, responseExcerpt: excerpt };
  const retryAfterSeconds = statusCode === 429 || statusCode === 503 ? parseRetryAfter(headers['retry-after']) : null;
  if (statusCode >= 200 && statusCode < 300) {
    return { ...base, outcome: 'success', errorClass: null, error: null, retryAfterSeconds };
  }
  if (statusCode >= 300 && statusCode < 400) {
    const to = headers.location ? ` to ${headers.location}` : '';
    return { ...base, outcome: 'failure', errorClass: 'redirect', error: `Redirect (${statusCode})${to} not followed.`, retryAfterSeconds };
  }
  return { ...base, outcome: 'failure', errorClass: 'non_2xx', error: `The receiver answered ${statusCode}.`, retryAfterSeconds };
}

/** Retry-After is either delay seconds or an HTTP date. */
function parseRetryAfter(value: string | undefined): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

const DNS_CODES = new Set(['ENOTFOUND', 'ENODATA', 'ESERVFAIL', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
// Node's own TLS errors, OpenSSL's certificate verdicts, and EPROTO for a handshake that went wrong.
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|CRL_|ERROR_IN_)|^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED|HOSTNAME_MISMATCH|EPROTO)$/;

function classify(err: unknown): SendErrorClass {
  const code = errorCode(err);
  if (code === undefined) return 'network';
  // ABORT_ERR: only the deadline's signal aborts a request. ETIMEDOUT: the OS gave up connecting.
  if (code === 'ABORT_ERR' || code === 'ETIMEDOUT') return 'timeout';
  if (code === 'EBLOCKED') return 'blocked_address';
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'connection_reset';
  if (DNS_CODES.has(code)) return 'dns';
  if (TLS_CODE.test(code)) return 'tls';
  return 'network';
}

function errorCode(err: unknown): string | undefined {
  const code = err instanceof Object && 'code' in err ? err.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Trying several addresses fails with an AggregateError whose own message is empty. */
function messageOf(err: unknown): string {
  if (err instanceof AggregateError && err.message === '') return err.errors.map(messageOf).join('; ');
  return (err instanceof Error ? err.message : String(err)).trim();
}

export interface WebhookAgents {
  /** The keep-alive agent for the URL's origin, or undefined when the URL is not http(s). */
  forUrl(url: string): http.Agent | undefined;
  /** Closes every connection, idle or not. */
  destroy(): void;
}

/** Keep-alive agents, one per origin, so repeated deliveries to an endpoint reuse its connections. */
export function webhookAgents(): WebhookAgents {
  const agents = new Map<string, http.Agent>();
  return {
    forUrl(url) {
      if (!URL.canParse(url)) return undefined;
      const { origin, protocol } = new URL(url);
      if (protocol !== 'https:' && protocol !== 'http:') return undefined;
      let agent = agents.get(origin);
      if (agent === undefined) {
        agent = protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
        agents.set(origin, agent);
      }
      return agent;
    },
    destroy() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
