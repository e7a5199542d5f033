import { describe, expect, it } from 'vitest';
import { formattingLocale, localeChain } from '../../../src/modules/templates/locale-chain.js';

describe('localeChain', () => {
  it.each([
    ['pt-BR', ['pt-BR', 'pt', 'en']],
    ['pt_br', ['pt-BR', 'pt', 'en']],
    ['es-AR', ['es-AR', 'es', 'en']],
    ['es', ['es', 'en']],
    ['pt-PT', ['pt-PT', 'pt', 'pt-BR', 'en']],
    ['pt', ['pt', 'pt-BR', 'en']],
    ['en-GB', ['en-GB', 'en']],
    ['de', ['de', 'en']],
    ['not a locale!', ['en']],
  ])('%s → %j', (locale, chain) => {
    expect(localeChain(locale)).toEqual(chain);
  });
});

describe('formattingLocale', () => {
  it('keeps a regional variant of the text language, else writes like the text', () => {
    expect(formattingLocale('es-AR', 'es')).toBe('es-AR');
    expect(formattingLocale('pt', 'pt-BR')).toBe('pt');
    expect(formattingLocale('de-DE', 'en')).toBe('en');
    expect(formattingLocale('???', 'en')).toBe('en');
  });
});
