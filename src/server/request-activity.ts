import type { ActivityEntry } from '../modules/activity/activity-log.js';
import type { Trace } from '../modules/activity/trace.js';
import { redact } from '../shared/redact.js';
import type { BaasContext } from './context.js';

/** The body of a failed request is kept, redacted, up to this many characters of JSON. */
const FAILED_BODY_CHARS = 2048;
const PREFIXES: Record<string, keyof Trace> = { ord: 'orderId', pay: 'paymentId', msg: 'messageId', evt: 'eventId' };
const PROVIDERS: Record<string, string> = { mercadopago: 'Mercado Pago', whatsapp: 'WhatsApp' };
type Json = Record<string, unknown>;

/**
 * The activity row of a finished request: every call to /v1, and every refused call to /hooks
 * (accepted notifications are recorded by their inbox, with what came of them). It names the
 * objects the request was about, from the answer and the path, so an order's timeline finds its
 * API calls. No bodies, except the redacted start of a failed request's, for debugging it.
 */
export function requestActivity(ctx: BaasContext, route: string | null, durationMs: number): ActivityEntry | null {
  const hook = /^\/hooks\/([^/]+)\/([^/]+)/.exec(ctx.path);
  if (!ctx.path.startsWith('/v1') && !(hook && ctx.status >= 400)) return null;
  const failed = ctx.status >= 400;
  const error = failed ? ((ctx.body as Json | undefined)?.error as Json | undefined) : undefined;
  const what = hook ? `${PROVIDERS[hook[1]!] ?? hook[1]} notification refused:` : `${ctx.method} ${route ?? ctx.path} →`;
  return {
    kind: hook ? 'notification' : 'request',
    level: ctx.status >= 500 ? 'error' : failed ? 'warn' : 'info',
    summary: `${what} ${ctx.status}${error?.code ? ` ${error.code as string}` : ''}`,
    // When it began: an order's timeline shows the call before what it caused.
    at: new Date(Date.now() - durationMs),
    durationMs,
    outcome: String(ctx.status),
    ...(hook ? { storeId: hook[2] } : {}),
    ...idsIn(ctx),
    detail: {
      method: ctx.method,
      path: ctx.path,
      route,
      status: ctx.status,
      ...(ctx.state.auth ? { key_id: ctx.state.auth.keyId } : {}),
      ...(error ? { error: { code: error.code, message: error.message, param: error.param } } : {}),
      ...(failed && ctx.request.body !== undefined ? { body: JSON.stringify(redact(ctx.request.body)).slice(0, FAILED_BODY_CHARS) } : {}),
    },
  };
}

/** The order, payment, message or event a request was about: named in its path, or the object it answered with. */
function idsIn(ctx: BaasContext): Trace {
  const ids: Trace = {};
  const put = (id: unknown) => {
    const key = typeof id === 'string' ? PREFIXES[id.split('_')[0]!] : undefined;
    if (key && !ids[key]) (ids as Record<string, string>)[key] = id as string;
  };
  put((ctx as { params?: Record<string, string> }).params?.id);
  const body = ctx.body as Json | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    put(body.id);
    put(body.order_id);
    put(body.payment_id);
  }
  return ids;
}
