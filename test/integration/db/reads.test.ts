import { describe, expect, it } from 'vitest';
import { openTestInstance } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

const STORE_NAME = 'select name from stores where id = ?';

describe(`hot-path reads on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('see every commit, also one made after another statement last ran', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Antes', currency: 'BRL', locale: 'pt-BR' });
    expect(await instance.reads.one(STORE_NAME, [store.id])).toEqual({ name: 'Antes' });
    await instance.orm.em.getConnection().execute('update stores set name = ? where id = ?', ['Depois', store.id]);
    // Another statement on the same connection: a statement left open on a row would pin its snapshot.
    expect(await instance.reads.one('select name, currency from stores where id = ?', [store.id])).toEqual({
      name: 'Depois',
      currency: 'BRL',
    });
    expect(await instance.reads.one(STORE_NAME, [store.id])).toEqual({ name: 'Depois' });
    expect(await instance.reads.one(STORE_NAME, ['sto_missing'])).toBeUndefined();
  });

  it('do not wait for a write transaction in progress, and see only what it commits', async ({ skip }) => {
    if (onPostgres) skip('PostgreSQL reads from the pool, beside the writer, by design');
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'Antes', currency: 'BRL', locale: 'pt-BR' });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = instance.orm.em.fork().transactional(async (em) => {
      await em.execute('update stores set name = ? where id = ?', ['Depois', store.id]);
      await held; // the single ORM connection is now busy in this transaction
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await instance.reads.one(STORE_NAME, [store.id])).toEqual({ name: 'Antes' });
    release();
    await writing;
    expect(await instance.reads.one(STORE_NAME, [store.id])).toEqual({ name: 'Depois' });
  });

  it('report a statement that cannot be prepared, every time it is tried', async () => {
    const instance = await openTestInstance();
    await expect(instance.reads.one('select nope from stores where id = ?', ['x'])).rejects.toThrow(/nope/);
    await expect(instance.reads.one('select nope from stores where id = ?', ['x'])).rejects.toThrow(/nope/);
    expect(await instance.reads.one('select 1 as one where 1 = ?', [1])).toEqual({ one: 1 });
  });
});
