import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerHandshake, verifyHubSignature } from '../../../src/providers/whatsapp/webhook-auth.js';

const SECRET = 'app-secret';
const RAW = '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}],"name":"Jo\\u00e3o"}';
const sign = (raw: string | Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('WhatsApp X-Hub-Signature-256', () => {
  it('verifies the raw body as a string or a Buffer, any hex case, against any of the secrets', () => {
    const header = sign(RAW);
    expect(verifyHubSignature(RAW, header, SECRET)).toBe(true);
    expect(verifyHubSignature(Buffer.from(RAW), header, SECRET)).toBe(true);
    expect(verifyHubSignature(RAW, header.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
    expect(verifyHubSignature(RAW, header, ['live-secret', SECRET])).toBe(true);
  });

  it('refuses a missing, malformed, truncated or wrong signature, another secret, an unset secret', () => {
    const header = sign(RAW);
    expect(verifyHubSignature(RAW, undefined, SECRET)).toBe(false);
    expect(verifyHubSignature(RAW, null, SECRET)).toBe(false);
    expect(verifyHubSignature(RAW, '', SECRET)).toBe(false);
    expect(verifyHubSignature(RAW, header.slice('sha256='.length), SECRET)).toBe(false); // no prefix
    expect(verifyHubSignature(RAW, `sha1=${header.slice(7)}`, SECRET)).toBe(false);
    expect(verifyHubSignature(RAW, header.slice(0, -2), SECRET)).toBe(false); // truncated
    expect(verifyHubSignature(RAW, `${header}00`, SECRET)).toBe(false); // too long
    expect(verifyHubSignature(RAW, `sha256=${'z'.repeat(64)}`, SECRET)).toBe(false);
    expect(
      verifyHubSignature(
        RAW,
        header.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
        SECRET,
      ),
    ).toBe(false);
    expect(verifyHubSignature(RAW, header, 'other-secret')).toBe(false);
    expect(verifyHubSignature(RAW, sign(RAW, ''), '')).toBe(false);
    expect(verifyHubSignature(RAW, header, [])).toBe(false);
  });

  it('covers the bytes, not the JSON value: a re-serialized body does not verify', () => {
    const header = sign(RAW);
    const reserialized = JSON.stringify(JSON.parse(RAW));
    expect(reserialized).toContain('João');
    expect(verifyHubSignature(reserialized, header, SECRET)).toBe(false);
  });
});

describe('WhatsApp webhook handshake', () => {
  const query = (fields: Record<string, string | string[]>) => ({ 'hub.challenge': '1158201444', ...fields });

  it('answers the challenge unchanged for subscribe with the right token', () => {
    expect(answerHandshake(query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'vt-123' }), 'vt-123')).toBe('1158201444');
    expect(answerHandshake(query({ 'hub.mode': ['subscribe'], 'hub.verify_token': ['vt-123'] }), ['old', 'vt-123'])).toBe('1158201444');
  });

  it('null (403) for another mode, a wrong or missing token, no challenge, or no token configured', () => {
    expect(answerHandshake(query({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'vt-123' }), 'vt-123')).toBeNull();
    expect(answerHandshake(query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'vt-124' }), 'vt-123')).toBeNull();
    expect(answerHandshake(query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'vt-1234' }), 'vt-123')).toBeNull();
    expect(answerHandshake(query({ 'hub.mode': 'subscribe' }), 'vt-123')).toBeNull();
    expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'vt-123' }, 'vt-123')).toBeNull();
    expect(answerHandshake(query({ 'hub.mode': 'subscribe', 'hub.verify_token': '' }), '')).toBeNull();
  });
});
