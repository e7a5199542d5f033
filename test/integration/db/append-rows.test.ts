import { describe, expect, it } from 'vitest';
import { appendRows } from '../../../src/db/append-rows.js';
import { ActivitySchema } from '../../../src/modules/activity/activity.entity.js';
import { openTestInstance } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

const COLUMNS = ['id', 'at', 'level', 'kind', 'summary', 'store_id', 'livemode', 'duration_ms', 'outcome', 'detail'];

describe(`rows appended in one statement on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('read back through the ORM exactly as written: dates, booleans, nulls, numbers, any text, JSON', async () => {
    const instance = await openTestInstance();
    const at = new Date('2026-12-01T12:34:56.789Z');
    const awkward = `it's "quoted", ünïcödé ✓, a \\ backslash, {"looks":"like json"}, [1,2], 'x'); drop table jobs; --`;
    await appendRows(instance.orm.em, 'activity_log', COLUMNS, [
      ['log_a', at, 'info', 'request', awkward, 'sto_1', true, 12, '200', JSON.stringify({ method: 'GET', nested: { n: [1, null] } })],
      ['log_b', at, 'warn', 'job', '{"a":1}', null, false, null, null, null],
    ]);
    await appendRows(instance.orm.em, 'activity_log', COLUMNS, []);

    const rows = await instance.orm.em.fork().find(ActivitySchema, {}, { orderBy: { id: 'asc' } });
    expect(rows.map((row) => ({ ...row }))).toMatchObject([
      { id: 'log_a', at, level: 'info', summary: awkward, storeId: 'sto_1', livemode: true, durationMs: 12, outcome: '200' },
      { id: 'log_b', at, level: 'warn', summary: '{"a":1}', storeId: null, livemode: false, durationMs: null, outcome: null, detail: null },
    ]);
    expect(rows[0]!.detail).toEqual({ method: 'GET', nested: { n: [1, null] } });
    expect(await instance.orm.em.fork().count(ActivitySchema, {})).toBe(2);
  });
});
