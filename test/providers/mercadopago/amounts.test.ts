import { describe, expect, it } from 'vitest';
import { fromMpAmount, toMpAmount } from '../../../src/providers/mercadopago/amounts.js';
import { AppError } from '../../../src/shared/errors.js';

describe('Mercado Pago amounts', () => {
  it('minor → MP decimals', () => {
    expect(toMpAmount(4990, 'BRL')).toBe(49.9);
    expect(toMpAmount(1999, 'BRL')).toBe(19.99);
    expect(toMpAmount(1, 'BRL')).toBe(0.01);
    expect(toMpAmount(0, 'BRL')).toBe(0);
    expect(toMpAmount(15000, 'CLP')).toBe(15000);
    expect(toMpAmount(150000, 'COP')).toBe(1500);
    // Sent as JSON exactly as a person would write it.
    expect(JSON.stringify({ a: toMpAmount(1999, 'BRL'), b: toMpAmount(30, 'BRL'), c: toMpAmount(123456789, 'ARS') })).toBe(
      '{"a":19.99,"b":0.3,"c":1234567.89}',
    );
  });

  it('MP decimals → minor, absorbing float noise', () => {
    expect(fromMpAmount(49.9, 'BRL')).toBe(4990);
    expect(fromMpAmount(19.99, 'BRL')).toBe(1999);
    expect(fromMpAmount(0.1 + 0.2, 'BRL')).toBe(30); // 0.30000000000000004
    expect(fromMpAmount(1.1 + 2.2, 'BRL')).toBe(330); // 3.3000000000000003
    expect(fromMpAmount(0.29, 'BRL')).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(fromMpAmount(1.15, 'BRL')).toBe(115); // 114.99999999999999
    expect(fromMpAmount(15000, 'CLP')).toBe(15000);
    expect(fromMpAmount(1500, 'COP')).toBe(150000);
    expect(fromMpAmount(0, 'BRL')).toBe(0);
    expect(Object.is(fromMpAmount(-0, 'BRL'), 0)).toBe(true);
  });

  it('round-trips every cent value without drift', () => {
    for (let minor = 0; minor <= 100_000; minor += 7) expect(fromMpAmount(toMpAmount(minor, 'BRL'), 'BRL')).toBe(minor);
    for (const minor of [99, 100, 101, 999_999_99, 123_456_789_01]) expect(fromMpAmount(toMpAmount(minor, 'MXN'), 'MXN')).toBe(minor);
  });

  it('refuses what MP cannot take instead of rounding money', () => {
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    };
    const cop = refused(() => toMpAmount(150050, 'COP')) as AppError;
    expect(cop).toBeInstanceOf(AppError);
    expect(cop).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'invalid_amount', param: 'amount' });
    expect(refused(() => toMpAmount(10.5, 'CLP'))).toMatchObject({ status: 400, code: 'invalid_amount' });
    expect(refused(() => toMpAmount(49.9, 'BRL'))).toMatchObject({ status: 400, code: 'invalid_amount' });
    expect(refused(() => toMpAmount(-1, 'BRL'))).toMatchObject({ status: 400 });
    expect(refused(() => toMpAmount(Number.MAX_SAFE_INTEGER + 1, 'BRL'))).toMatchObject({ status: 400 });
  });

  it('refuses MP values with more decimals than the currency has', () => {
    expect(() => fromMpAmount(49.999, 'BRL')).toThrow(RangeError);
    expect(() => fromMpAmount(0.305, 'BRL')).toThrow(RangeError);
    expect(() => fromMpAmount(15000.5, 'CLP')).toThrow(RangeError);
    expect(() => fromMpAmount(1500.5, 'COP')).toThrow(RangeError);
    expect(() => fromMpAmount(Number.NaN, 'BRL')).toThrow(RangeError);
  });
});
