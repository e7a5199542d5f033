import { describe, expect, it } from 'vitest';
import type { Transaction } from '@mikro-orm/core';
import { appendRows } from '../../../src/db/append-rows.js';
import { bareTransaction } from '../../../src/db/bare-transaction.js';
import type { Db } from '../../../src/db/orm.js';
import { ActivitySchema } from '../../../src/modules/activity/activity.entity.js';
import { openTestInstance } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

const COLUMNS = ['id', 'at', 'level', 'kind', 'summary', 'store_id', 'livemode', 'duration_ms', 'outcome', 'detail'];

describe(`rows appended in one statement on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  // In a bare transaction the values are bound one by one on SQLite, not sent as JSON: both must store the same.
  it.each([
    ['on their own', (em: Db, append: (trx?: Transaction) => Promise<void>) => append()],
    ['in a bare transaction', (em: Db, append: (trx?: Transaction) => Promise<void>) => bareTransaction(em, append)],
  ])('%s, read back through the ORM exactly as written: dates, booleans, nulls, numbers, any text, JSON', async (_, within) => {
    const instance = await openTestInstance();
    const at = new Date('2026-12-01T12:34:56.789Z');
    const awkward = `it's "quoted", ünïcödé ✓, a \\ backslash, {"looks":"like json"}, [1,2], 'x'); drop table jobs; --`;
    await within(instance.orm.em, async (trx) => {
      const rows = [
        ['log_a', at, 'info', 'request', awkward, 'sto_1', true, 12, '200', JSON.stringify({ method: 'GET', nested: { n: [1, null] } })],
        ['log_b', at, 'warn', 'job', '{"a":1}', null, false, null, null, null],
      ];
      await appendRows(instance.orm.em, 'activity_log', COLUMNS, rows, trx);
      await appendRows(instance.orm.em, 'activity_log', COLUMNS, [], trx);
    });

    const rows = await instance.orm.em.fork().find(ActivitySchema, {}, { orderBy: { id: 'asc' } });
    expect(rows.map((row) => ({ ...row }))).toMatchObject([
      { id: 'log_a', at, level: 'info', summary: awkward, storeId: 'sto_1', livemode: true, durationMs: 12, outcome: '200' },
      { id: 'log_b', at, level: 'warn', summary: '{"a":1}', storeId: null, livemode: false, durationMs: null, outcome: null, detail: null },
    ]);
    expect(rows[0]!.detail).toEqual({ method: 'GET', nested: { n: [1, null] } });
    expect(await instance.orm.em.fork().count(ActivitySchema, {})).toBe(2);
  });
});
