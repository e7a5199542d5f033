import { describe, expect, it } from 'vitest';
import { bareTransaction } from '../../../src/db/bare-transaction.js';
import { queryBound, runBound } from '../../../src/db/bound-statement.js';
import { ActivitySchema } from '../../../src/modules/activity/activity.entity.js';
import { openTestInstance } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

const insert = "insert into cron_ticks (task, tick, instance) values (?, ?, 'test')";
const tasks = async (em: Parameters<typeof queryBound>[0]) =>
  (await queryBound<{ task: string }>(em, 'select task from cron_ticks order by task', [])).map((row) => row.task);

describe(`a bare transaction on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('commits its statements together and answers what work returned', async () => {
    const { orm } = await openTestInstance();
    const seen = await bareTransaction(orm.em, async (trx) => {
      await runBound(orm.em, insert, ['a', new Date()], trx);
      await runBound(orm.em, insert, ['b', new Date()], trx);
      return queryBound<{ n: unknown }>(orm.em, 'select count(*) as n from cron_ticks', [], trx);
    });
    expect(Number(seen[0]!.n)).toBe(2);
    expect(await tasks(orm.em)).toEqual(['a', 'b']);
  });

  it('keeps nothing of a transaction that failed, and leaves the connection fit for the next one', async () => {
    const { orm } = await openTestInstance();
    const failed = bareTransaction(orm.em, async (trx) => {
      await runBound(orm.em, insert, ['kept-by-nobody', new Date()], trx);
      await runBound(orm.em, insert, ['kept-by-nobody', new Date()], trx); // primary key taken
    });
    await expect(failed).rejects.toThrow();
    expect(await tasks(orm.em)).toEqual([]);

    await bareTransaction(orm.em, (trx) => runBound(orm.em, insert, ['after', new Date()], trx));
    // The ORM's own writes on the same connection are not inside a transaction left open.
    const em = orm.em.fork();
    em.create(ActivitySchema, { id: 'log_after', at: new Date(), level: 'info', kind: 'request', summary: 'after' });
    await em.flush();
    expect(await tasks(orm.em)).toEqual(['after']);
    expect(await orm.em.fork().count(ActivitySchema, { id: 'log_after' })).toBe(1);
  });
});
