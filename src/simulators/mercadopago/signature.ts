import { createHmac } from 'node:crypto';

/**
 * MP's webhook signature (reference §7): HMAC-SHA256 over
 * `id:<data.id>;request-id:<x-request-id>;ts:<ts>;`, hex. Absent parts are left out.
 */
export function signManifest(secret: string, parts: { dataId?: string; requestId?: string; ts: string }): string {
  const manifest =
    (parts.dataId ? `id:${parts.dataId};` : '') + (parts.requestId ? `request-id:${parts.requestId};` : '') + `ts:${parts.ts};`;
  return createHmac('sha256', secret).update(manifest).digest('hex');
}

/** The `x-signature` header value: `ts=<ts>,v1=<hex>`. */
export function signatureHeader(secret: string, parts: { dataId?: string; requestId?: string; ts: string }): string {
  return `ts=${parts.ts},v1=${signManifest(secret, parts)}`;
}
