import { describe, expect, it } from 'vitest';
import { slugify } from '../../../src/modules/stores/store.service.js';

describe('slugify', () => {
  it('turns store names in any of our languages into URL-safe slugs', () => {
    expect(slugify('Loja da Ana')).toBe('loja-da-ana');
    expect(slugify('Café & Ñandú  Niño!')).toBe('cafe-nandu-nino');
    expect(slugify('***')).toBe('store');
  });
});
