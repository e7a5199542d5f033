import { describe, expect, it } from 'vitest';
import { amount1000, formatDate, formatDateTime, formatMoney, minorUnitDigits } from '../../../src/modules/templates/format.js';

const NBSP = '\u00a0';

describe('formatMoney (minor units, Intl in the locale)', () => {
  it.each([
    ['pt-BR', 'BRL', 12990, `R$${NBSP}129,90`],
    ['es-CL', 'CLP', 12990, '$12.990'],
    ['es-AR', 'ARS', 12990, `$${NBSP}129,90`],
    ['es-MX', 'MXN', 12990, '$129.90'],
    ['en', 'USD', 12990, '$129.90'],
    ['en', 'CLP', 49960, `CLP${NBSP}49,960`],
    ['es', 'ARS', 3649000, `36.490,00${NBSP}ARS`],
    // ISO 4217 gives COP cents and so do we; ICU prints it without them.
    ['es-CO', 'COP', 1299000, `$${NBSP}12.990`],
  ])('%s %s %i → %s', (locale, currency, amount, expected) => {
    expect(formatMoney(amount, currency, locale)).toBe(expected);
  });

  it('refuses what is not a whole number of minor units, and an unknown currency', () => {
    expect(() => formatMoney('129.90', 'BRL', 'pt-BR')).toThrow(/whole number of minor units/);
    expect(() => formatMoney(129.9, 'BRL', 'pt-BR')).toThrow(/whole number of minor units/);
    expect(() => formatMoney(100, 'R$', 'pt-BR')).toThrow(/not an ISO 4217 currency/);
  });

  it('takes the minor unit from our currency table, else from Intl', () => {
    expect([
      minorUnitDigits('BRL'),
      minorUnitDigits('CLP'),
      minorUnitDigits('COP'),
      minorUnitDigits('JPY'),
      minorUnitDigits('EUR'),
    ]).toEqual([2, 0, 2, 0, 2]);
  });
});

describe('amount1000 (WhatsApp currency parameters)', () => {
  it('is the amount × 1000, from minor units of the currency', () => {
    expect(amount1000(12990, 'BRL')).toBe(129900);
    expect(amount1000(12990, 'CLP')).toBe(12990000);
    expect(amount1000(0, 'USD')).toBe(0);
  });
});

describe('dates in the store time zone', () => {
  const lateEvening = '2026-03-12T02:30:00Z';

  it('writes the local day and time, not UTC', () => {
    expect(formatDateTime(lateEvening, 'pt-BR', 'America/Sao_Paulo')).toBe('11 de março de 2026 às 23:30');
    expect(formatDateTime(lateEvening, 'pt-BR', 'UTC')).toBe('12 de março de 2026 às 02:30');
    expect(formatDateTime(lateEvening, 'es', 'America/Argentina/Buenos_Aires')).toBe('11 de marzo de 2026 a las 23:30');
    expect(formatDateTime(lateEvening, 'en', 'America/Santiago')).toBe('March 11, 2026 at 11:30 PM');
  });

  it('dateOnly drops the time but keeps the zone', () => {
    expect(formatDate(lateEvening, 'pt-BR', 'America/Sao_Paulo')).toBe('11 de março de 2026');
    expect(formatDate(lateEvening, 'en', 'Asia/Tokyo')).toBe('March 12, 2026');
  });

  it('refuses what is not a timestamp, and a zone that does not exist', () => {
    expect(() => formatDateTime('yesterday', 'en', 'UTC')).toThrow(/ISO 8601/);
    expect(() => formatDateTime(lateEvening, 'en', 'Mars/Olympus')).toThrow(/IANA time zone/);
  });
});
