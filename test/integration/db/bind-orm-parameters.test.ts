import { describe, expect, it } from 'vitest';
import { ActivitySchema } from '../../../src/modules/activity/activity.entity.js';
import { openTestInstance } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

describe(`values the ORM writes and queries by on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('come back exactly as given: dates, booleans, nulls, numbers, any text, JSON, also as conditions', async () => {
    const instance = await openTestInstance();
    const at = new Date('2026-12-01T12:34:56.789Z');
    const awkward = `it's "quoted", ünïcödé ✓, a \\ backslash, a ? mark, {"looks":"like json"}, 'x'); drop table jobs; --`;
    const em = instance.orm.em.fork();
    em.create(ActivitySchema, {
      id: 'log_a',
      at,
      level: 'info',
      kind: 'request',
      summary: awkward,
      storeId: 'sto_1',
      livemode: true,
      durationMs: 12,
      detail: { quote: "it's", nested: { n: [1, null, 'two'] } },
    });
    em.create(ActivitySchema, { id: 'log_b', at: new Date(at.getTime() + 1), level: 'warn', kind: 'job', summary: '?', livemode: false });
    await em.flush();

    const read = instance.orm.em.fork();
    const [a, b] = await read.find(ActivitySchema, { at: { $gte: at }, id: { $in: ['log_a', 'log_b'] } }, { orderBy: { id: 'asc' } });
    expect({ ...a }).toMatchObject({ at, summary: awkward, storeId: 'sto_1', livemode: true, durationMs: 12 });
    expect(a!.detail).toEqual({ quote: "it's", nested: { n: [1, null, 'two'] } });
    expect({ ...b }).toMatchObject({ summary: '?', storeId: null, livemode: false, durationMs: null, detail: null });
    expect(await read.count(ActivitySchema, { livemode: false, summary: '?' })).toBe(1);
    expect(await read.count(ActivitySchema, { at: { $gt: at } })).toBe(1);
  });

  it.skipIf(onPostgres)('takes text with a NUL character, which a value written into the SQL would cut short', async () => {
    const instance = await openTestInstance();
    const em = instance.orm.em.fork();
    em.create(ActivitySchema, { id: 'log_nul', at: new Date(), level: 'info', kind: 'request', summary: 'before\u0000after' });
    await em.flush();
    const row = await instance.orm.em.fork().findOneOrFail(ActivitySchema, { summary: 'before\u0000after' });
    expect(row.summary).toBe('before\u0000after');
  });
});
