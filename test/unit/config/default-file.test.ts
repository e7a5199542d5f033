import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../../src/config/settings.js';

describe('config/default.json', () => {
  it('shows operators exactly the built-in defaults, every one of them', () => {
    const file = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
    expect(file).toEqual(BUILT_IN_DEFAULTS);
  });
});
