import { join } from 'node:path';
import { dbDate, openOrm, type Db, type Orm } from '../../src/db/orm.js';

/**
 * The server's SQLite file, opened beside the running server (WAL lets both in) to check
 * invariants and to fast-forward the retry clock as the tests do.
 */
export class ChaosDatabase {
  private constructor(private readonly orm: Orm) {}

  static async open(dataDir: string): Promise<ChaosDatabase> {
    return new ChaosDatabase(await openOrm({ kind: 'sqlite', path: join(dataDir, 'baas.sqlite') }));
  }

  private get em(): Db {
    return this.orm.em.fork();
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.em.execute<T[]>(sql, params);
  }

  /** Retries due later are made due now: the schedule's minutes and hours pass at once. */
  async fastForwardJobs(): Promise<number> {
    const em = this.em;
    const now = dbDate(em, new Date());
    const result = await em.execute("update jobs set run_at = ? where status = 'queued' and run_at > ?", [now, now], 'run');
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }

  /** Jobs per status. */
  async jobStatuses(): Promise<Record<string, number>> {
    const rows = await this.query<{ status: string; n: number }>('select status, count(*) as n from jobs group by status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async tables(): Promise<string[]> {
    const rows = await this.query<{ name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
    );
    return rows.map((r) => r.name);
  }

  /** Row count of each table. */
  async rowCounts(tables: string[]): Promise<Record<string, number>> {
    const [row] = await this.query<Record<string, number>>(
      `select ${tables.map((t) => `(select count(*) from "${t}") as "${t}"`).join(', ')}`,
    );
    return Object.fromEntries(tables.map((t) => [t, Number(row![t])]));
  }

  close(): Promise<void> {
    return this.orm.close(true);
  }
}

/**
 * Waits until no job is queued or running, fast-forwarding retries each round; the server's
 * runner picks them up on its next wake-up or cron sweep (every 10 s).
 */
export async function jobsSettled(db: ChaosDatabase, timeoutMs: number, poke?: () => Promise<void>): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  for (;;) {
    const statuses = await db.jobStatuses();
    const open = (statuses.queued ?? 0) + (statuses.running ?? 0);
    quietRounds = open === 0 ? quietRounds + 1 : 0;
    // Twice in a row: a job that finishes may have just enqueued another (a delivery of its event).
    if (quietRounds >= 2 || Date.now() > deadline) return statuses;
    if (open > 0 && (await db.fastForwardJobs()) > 0) await poke?.();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
