import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Mercado Pago's inbound notifications (reference §7) in our words. Both shapes arrive: the
 * Webhooks body (`{"type":"payment","action":"payment.updated","data":{"id":"…"}}` with
 * `?data.id=&type=`) and the legacy IPN query (`?topic=payment&id=…`, no body, unsigned).
 * Neither is trusted for content: they only say which resource to read back.
 */
export interface MercadoPagoNotice {
  format: 'webhook' | 'ipn';
  /** payment, merchant_order, chargebacks, … */
  topic: string;
  action: string | null;
  /** The resource to read back (for `payment`, the provider payment id). */
  resourceId: string;
  /** Stable across MP's redeliveries of one notification, null when it cannot be told (IPN). */
  dedupeBasis: string | null;
  /** `data.id` exactly as the query carried it: what the signature covers (reference §7). */
  signedDataId: string | undefined;
}

export type NoticeInput = {
  query: Record<string, string | string[] | undefined>;
  body: unknown;
};

/** Returns null when the request names no topic or no resource: nothing to act on. */
export function parseMercadoPagoNotice({ query, body }: NoticeInput): MercadoPagoNotice | null {
  const b = isObject(body) ? body : {};
  const data = isObject(b.data) ? b.data : {};
  const webhookTopic = text(b.type) ?? first(query.type);
  const queryDataId = first(query['data.id']) ?? undefined;
  const webhookId = queryDataId ?? text(data.id);
  if (webhookTopic && webhookId) {
    const action = text(b.action);
    const stamp = text(b.date_created) ?? text(b.id);
    return {
      format: 'webhook',
      topic: webhookTopic,
      action,
      resourceId: webhookId,
      dedupeBasis: stamp ? `${webhookTopic}:${webhookId}:${action ?? ''}:${stamp}` : null,
      signedDataId: queryDataId,
    };
  }
  const topic = first(query.topic) ?? text(b.topic);
  const id = first(query.id) ?? text(b.resource)?.split('/').pop();
  if (topic && id) return { format: 'ipn', topic, action: null, resourceId: id, dedupeBasis: null, signedDataId: undefined };
  return null;
}

export type SignatureVerdict = 'valid' | 'missing' | 'invalid' | 'expired';

export interface SignatureInput {
  /** `data.id` exactly as it came in the query string. */
  dataId: string | undefined;
  requestId: string | undefined;
  header: string | undefined;
  secrets: string[];
  nowMs: number;
  toleranceMs: number;
}

/**
 * Checks `x-signature: ts=…,v1=<hex>` against every secret the store holds (test and live
 * panels have their own). The manifest is `id:<data.id>;request-id:<x-request-id>;ts:<ts>;`
 * with absent parts left out; `data.id` is tried as sent, then lower-cased, and `ts` may be
 * in seconds or milliseconds (reference §7: docs and SDKs disagree on both).
 */
export function verifyMercadoPagoSignature(input: SignatureInput): SignatureVerdict {
  if (!input.header) return 'missing';
  const parts = new Map(
    input.header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const ts = parts.get('ts');
  const v1 = parts.get('v1');
  if (!ts || !v1 || !/^\d+$/.test(ts)) return 'invalid';
  const candidates = input.dataId ? [...new Set([input.dataId, input.dataId.toLowerCase()])] : [undefined];
  const expected = Buffer.from(v1.toLowerCase());
  const matches = input.secrets.some((secret) =>
    candidates.some((dataId) => {
      const manifest = (dataId ? `id:${dataId};` : '') + (input.requestId ? `request-id:${input.requestId};` : '') + `ts:${ts};`;
      const actual = Buffer.from(createHmac('sha256', secret).update(manifest).digest('hex'));
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    }),
  );
  if (!matches) return 'invalid';
  const tsMs = ts.length >= 13 ? Number(ts) : Number(ts) * 1000;
  return Math.abs(input.nowMs - tsMs) > input.toleranceMs ? 'expired' : 'valid';
}

function first(value: string | string[] | undefined): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  return one ? one : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
