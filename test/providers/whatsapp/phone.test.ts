import { describe, expect, it } from 'vitest';
import { sendingDigits } from '../../../src/providers/whatsapp/phone.js';
import { toE164 } from '../../../src/shared/phone.js';

describe('phone numbers, as orders take them and WhatsApp sends to them', () => {
  it.each([
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['011 15-5555-1234', 'AR', '+5491155551234'],
    ['+55 11 98765-4321', undefined, '+5511987654321'],
    ['+5511987654321', 'AR', '+5511987654321'], // an explicit country code wins over the store's
    ['9975840786', 'IN', '+919975840786'],
    ['+1 650 555 5555', undefined, '+16505555555'],
  ])('%s (%s) → %s', (input, country, expected) => {
    expect(toE164(input, country)).toBe(expected);
  });

  it.each([
    ['+52 1 55 1234 5678', undefined], // Mexico dropped the mobile "1" in 2019
    ['+55 11 8765-4321', undefined], // an 8-digit Brazilian mobile
    ['98765-4321', undefined], // no country to read it in
    ['98765-4321', 'XX'], // not a country
    ['not a phone', 'BR'],
    ['', 'BR'],
  ])('%s (%s) is not a valid number', (input, country) => {
    expect(toE164(input, country)).toBeNull();
  });

  it('sends the digits of an E.164 number, and nothing else', () => {
    expect(sendingDigits('+5511987654321')).toBe('5511987654321');
    for (const bad of ['5511987654321', '+55 11 98765-4321', '+0123456789', '+1234', '']) expect(sendingDigits(bad)).toBeNull();
  });
});
