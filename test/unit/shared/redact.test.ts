import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, redact, REDACTED, TOO_DEEP } from '../../../src/shared/redact.js';

describe('redaction for logs', () => {
  it('masks e-mail addresses and phone numbers, keeping enough to tell customers apart', () => {
    expect(maskEmail('ana.souza@example.com')).toBe('a***@example.com');
    expect(maskPhone('+5511987654321')).toBe('+551******4321');
    expect(maskEmail('nonsense')).toBe(REDACTED);
    expect(redact({ to: '+5511987654321' })).toEqual({ to: '+551******4321' });
    expect(redact({ to: 'ana@example.com' })).toEqual({ to: 'a***@example.com' });
  });

  it('blanks secrets and card data at any depth, and masks contact data by key', () => {
    const body = {
      order_id: 'ord_1',
      token: 'ff8080814c11e237014c1ff593b57b4d',
      payer: { email: 'ana@example.com', identification: { type: 'CPF', number: '19119119100' } },
      customer: { phone: '+5511987654321', name: 'Ana' },
      note: 'card 4509 9535 6623 3704 exp 11/30',
      headers: { Authorization: 'Bearer sk_test_abc', 'x-signature': 'ts=1,v1=abc' },
      items: [{ sku: 'A', unit_amount: 4990 }],
    };
    const shown = redact(body) as typeof body;
    expect(shown).toEqual({
      order_id: 'ord_1',
      token: REDACTED,
      payer: { email: 'a***@example.com', identification: REDACTED },
      customer: { phone: '+551******4321', name: 'Ana' },
      note: `card ${REDACTED} exp 11/30`,
      headers: { Authorization: REDACTED, 'x-signature': REDACTED },
      items: [{ sku: 'A', unit_amount: 4990 }],
    });
    expect(JSON.stringify(shown)).not.toMatch(/4509|19119119100|sk_test_abc|987654/);
  });

  it('stops at a depth a log can show, so a hostile nesting cannot overflow the stack', () => {
    const deep = JSON.parse(`{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect(JSON.stringify(redact(deep))).toContain(TOO_DEEP);
  });
});
