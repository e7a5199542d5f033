import { describe, expect, it } from 'vitest';
import { openInstance } from '../../../src/runtime/instance.js';
import { openTestInstance, silentLogger } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite transactions of two processes on one database', () => {
  it('queue for the write lock instead of failing when the other commits after their first read', async ({ skip }) => {
    if (onPostgres) return skip('SQLite locking');
    // A `baas` command (commandLine) and the server, each with its own connection to the same file.
    const server = await openTestInstance();
    const commandLine = await openInstance(server.config, silentLogger(), { migrate: false });
    try {
      const { store } = await server.stores.create({ name: 'Antes', currency: 'BRL', locale: 'pt-BR' });
      let serverWrite: Promise<unknown> = Promise.resolve();
      await commandLine.orm.em.fork().transactional(async (tx) => {
        await tx.execute('select count(*) as n from stores'); // reads first, as replay or keys rotate do
        serverWrite = server.orm.em.getConnection().execute('update stores set name = ? where id = ?', ['Servidor', store.id]);
        await sleep(100); // the server's write would commit here, were the lock not ours already
        await tx.execute('update stores set name = ? where id = ?', ['Comando', store.id]);
      });
      await serverWrite;
      // Both committed, one after the other: the command's first, then the server's, which had waited.
      expect(await server.reads.one('select name from stores where id = ?', [store.id])).toEqual({ name: 'Servidor' });
    } finally {
      await commandLine.close();
    }
  });
});
