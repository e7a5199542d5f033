import type { Orm } from './orm.js';

/** The few methods of a node-postgres client we use. */
interface RawClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
}

interface KnexClient {
  acquireRawConnection(): Promise<RawClient>;
  destroyRawConnection(connection: RawClient): Promise<void>;
}

/**
 * A PostgreSQL connection of our own, outside the pool: LISTEN and session advisory locks
 * belong to one backend for as long as they last, so they cannot use pooled connections, and
 * they must not hold a slot the queries need. Opened with the pool's own settings (URL, TLS,
 * search path) through knex.
 */
export class PgSession {
  private closed = false;

  private constructor(
    private readonly client: RawClient,
    private readonly knex: KnexClient,
  ) {}

  static async open(orm: Orm): Promise<PgSession> {
    const knex = orm.em.getKnex().client as unknown as KnexClient;
    return new PgSession(await knex.acquireRawConnection(), knex);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  onNotification(listener: (channel: string, payload: string) => void): void {
    this.client.on('notification', (message) => listener(message.channel, message.payload ?? ''));
  }

  /** Called once when the connection is lost (server restart, network): its LISTENs and locks are gone. */
  onLost(listener: (error: Error) => void): void {
    let lost = false;
    const fire = (error?: Error) => {
      if (lost || this.closed) return;
      lost = true;
      listener(error ?? new Error('connection ended'));
    };
    this.client.on('error', fire);
    this.client.on('end', fire);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.knex.destroyRawConnection(this.client).catch(() => undefined);
  }
}
