import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseMercadoPagoNotice, verifyMercadoPagoSignature } from '../../../src/providers/mercadopago/notification.js';

describe('verifyMercadoPagoSignature', () => {
  // The reference's vector (§7), which MP's SDK validator agrees with.
  const vector = {
    dataId: '123456789',
    requestId: 'bb56a2f1-6aae-46ac-982e-9dcd3581d08e',
    header: 'ts=1742505638683,v1=7b19ff120e0f0f0d830c3c4995653d84e4bca6de0f4303be5224f49efea75af7',
    secrets: ['my-webhook-secret'],
    nowMs: 1742505638683,
    toleranceMs: 3_600_000,
  };

  it('accepts the reference vector, with the secret among several, and refuses it with any part changed', () => {
    expect(verifyMercadoPagoSignature(vector)).toBe('valid');
    expect(verifyMercadoPagoSignature({ ...vector, secrets: ['other', 'my-webhook-secret'] })).toBe('valid');
    expect(verifyMercadoPagoSignature({ ...vector, secrets: ['other'] })).toBe('invalid');
    expect(verifyMercadoPagoSignature({ ...vector, dataId: '123456780' })).toBe('invalid');
    expect(verifyMercadoPagoSignature({ ...vector, requestId: 'x' })).toBe('invalid');
    expect(verifyMercadoPagoSignature({ ...vector, header: vector.header.replace('ts=1742505638683', 'ts=1742505638684') })).toBe(
      'invalid',
    );
  });

  it('missing, malformed and expired signatures each get their own verdict', () => {
    expect(verifyMercadoPagoSignature({ ...vector, header: undefined })).toBe('missing');
    expect(verifyMercadoPagoSignature({ ...vector, header: 'v1=abc' })).toBe('invalid');
    expect(verifyMercadoPagoSignature({ ...vector, header: 'garbage' })).toBe('invalid');
    expect(verifyMercadoPagoSignature({ ...vector, nowMs: vector.nowMs + 3_600_001 })).toBe('expired');
    expect(verifyMercadoPagoSignature({ ...vector, nowMs: vector.nowMs - 3_600_001 })).toBe('expired');
  });

  it('takes ts in seconds as well as milliseconds, and data.id signed lower-cased', () => {
    const sign = (manifest: string) => createHmac('sha256', 's3cret').update(manifest).digest('hex');
    const seconds = `ts=1742505638,v1=${sign('id:42;request-id:r;ts:1742505638;')}`;
    expect(verifyMercadoPagoSignature({ ...vector, secrets: ['s3cret'], dataId: '42', requestId: 'r', header: seconds })).toBe('valid');
    const lower = `ts=1742505638683,v1=${sign('id:abc123;request-id:r;ts:1742505638683;')}`;
    expect(verifyMercadoPagoSignature({ ...vector, secrets: ['s3cret'], dataId: 'ABC123', requestId: 'r', header: lower })).toBe('valid');
    // Absent parts are left out of the manifest.
    const bare = `ts=1742505638683,v1=${sign('ts:1742505638683;')}`;
    expect(verifyMercadoPagoSignature({ ...vector, secrets: ['s3cret'], dataId: undefined, requestId: undefined, header: bare })).toBe(
      'valid',
    );
  });
});

describe('parseMercadoPagoNotice', () => {
  it('reads the Webhooks format, from the query first, and keys redeliveries alike', () => {
    const body = { id: 12345, type: 'payment', action: 'payment.updated', date_created: '2026-11-25T10:00:00Z', data: { id: '999' } };
    const notice = parseMercadoPagoNotice({ query: { 'data.id': '123', type: 'payment' }, body });
    expect(notice).toMatchObject({ format: 'webhook', topic: 'payment', action: 'payment.updated', resourceId: '123' });
    expect(parseMercadoPagoNotice({ query: { 'data.id': '123', type: 'payment' }, body })?.dedupeBasis).toBe(notice?.dedupeBasis);
    const later = parseMercadoPagoNotice({ query: { 'data.id': '123' }, body: { ...body, date_created: '2026-11-25T10:05:00Z' } });
    expect(later?.dedupeBasis).not.toBe(notice?.dedupeBasis);
  });

  it('reads legacy IPN from the query, and refuses requests that name nothing', () => {
    expect(parseMercadoPagoNotice({ query: { topic: 'payment', id: '77' }, body: {} })).toMatchObject({
      format: 'ipn',
      topic: 'payment',
      resourceId: '77',
      dedupeBasis: null,
    });
    expect(parseMercadoPagoNotice({ query: { topic: 'merchant_order', id: '5' }, body: undefined })?.topic).toBe('merchant_order');
    expect(parseMercadoPagoNotice({ query: {}, body: { hello: 'world' } })).toBeNull();
    expect(parseMercadoPagoNotice({ query: { type: 'payment' }, body: [] })).toBeNull();
  });
});
