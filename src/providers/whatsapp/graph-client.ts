import { GraphApiError } from './graph-error.js';
import { parseSendResponse, type GraphSendResult } from './graph-response.js';
import type { GraphTemplateMessage } from './message-body.js';

/** Where and as whom to send: one store's (mode's) phone number. */
export interface GraphTarget {
  /** Graph API base URL with its version, e.g. https://graph.facebook.com/v26.0 */
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
}

/** Meta answers a send in well under a second; 15 s means it is in trouble. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Connection errors that mean the request never left: sending again cannot duplicate. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * `POST {apiUrl}/{phoneNumberId}/messages`, once. No retries here: the send has no idempotency
 * key (reference §1), so whether to try again after an unknown outcome is the core's call.
 * Throws GraphApiError for every way it can fail.
 */
export async function postMessage(
  target: GraphTarget,
  message: GraphTemplateMessage,
  options: { timeoutMs?: number } = {},
): Promise<GraphSendResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const url = `${target.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(target.phoneNumberId)}/messages`;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal,
      redirect: 'manual',
    });
    // The body is read under the same deadline: a server that sends headers and then stalls is a timeout too.
    return parseSendResponse(response.status, await response.text());
  } catch (error) {
    if (error instanceof GraphApiError) throw error;
    if (signal.aborted) throw new GraphApiError({ kind: 'timeout', timeoutMs }, { cause: error });
    const code = networkCode(error);
    const reason = code ?? (error as Error)?.message ?? String(error);
    throw new GraphApiError({ kind: code && NEVER_CONNECTED.has(code) ? 'unreachable' : 'reset', reason }, { cause: error });
  }
}

/** Node's fetch wraps the socket error: `TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })`. */
function networkCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : null;
}
