import { isPostgres, type Orm } from './orm.js';
import { PgSession } from './pg-session.js';

// PostgreSQL advisory locks are numbers; ours are named, and hashtext() turns a name into one.
// They are per database, so two deployments sharing a server never contend.

/**
 * Runs `work` holding the session lock `name`, waiting while another session holds it. The lock
 * lives on a connection of its own, so the work's queries (pooled, in their own transactions)
 * run under it; closing that connection releases the lock, even if this process dies. On
 * SQLite, which one instance uses at a time, it just runs `work`.
 */
export async function withAdvisoryLock<T>(orm: Orm, name: string, work: () => Promise<T>): Promise<T> {
  if (!isPostgres(orm.em)) return work();
  const session = await PgSession.open(orm);
  try {
    await session.query('select pg_advisory_lock(hashtext($1))', [name]);
    return await work();
  } finally {
    await session.close();
  }
}

/** Takes the lock `name` on `session` if no other session holds it; never waits. */
export async function tryAdvisoryLock(session: PgSession, name: string): Promise<boolean> {
  const [row] = await session.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [name]);
  return row?.locked === true;
}

export async function advisoryUnlock(session: PgSession, name: string): Promise<void> {
  await session.query('select pg_advisory_unlock(hashtext($1))', [name]);
}
