import { describe, expect, it } from 'vitest';
import { OBJECT_EXAMPLES } from '../../../src/server/openapi/object-examples.js';
import { REQUEST_EXAMPLES } from '../../../src/server/openapi/request-examples.js';

/** Every `id`-like string in an example: they should look like the ids we hand out. */
function ids(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(ids);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (typeof inner === 'string' && /(^|_)id$/.test(key) ? [inner] : ids(inner)));
}

describe('the OpenAPI examples', () => {
  it('are what the server answers: each parses with its schema, unknown fields included', () => {
    for (const [schema, example] of OBJECT_EXAMPLES) {
      // z.object drops unknown keys, so a field the schema lacks shows up as a difference.
      expect(schema.parse(example)).toEqual(example);
    }
  });

  it('are requests the server accepts', () => {
    for (const [schema, example] of REQUEST_EXAMPLES) expect(schema.safeParse(example).error).toBeUndefined();
  });

  it('use ids of the real shape', () => {
    const examples = [...OBJECT_EXAMPLES.values(), ...REQUEST_EXAMPLES.values()];
    const ourIds = ids(examples).filter((id) => /^[a-z]{2,3}_/.test(id) && !id.startsWith('whsec_'));
    expect(ourIds.length).toBeGreaterThan(10);
    for (const id of ourIds) expect(id).toMatch(/^(sto|ord|pay|re|chk|evt|we|wd|msg|req)_[0-9a-hjkmnp-tv-z]{26}$/);
  });
});
