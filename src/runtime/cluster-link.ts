import { advisoryUnlock, tryAdvisoryLock } from '../db/advisory-lock.js';
import type { Orm } from '../db/orm.js';
import { PgSession } from '../db/pg-session.js';
import type { Logger } from './logger.js';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * This instance's line to the others on a shared PostgreSQL database: LISTEN/NOTIFY and session
 * advisory locks, on one connection of its own (PgSession), reopened with backoff when lost.
 * While it is down, notifications are missed (each reconnect is reported, so callers can look
 * for work they may have missed) and locks are refused (fail closed).
 */
export class ClusterLink {
  private session: PgSession | null = null;
  private readonly listeners = new Map<string, (payload: string) => void>();
  private readonly reconnected: (() => void)[] = [];
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly orm: Orm,
    private readonly logger: Logger,
  ) {}

  /** Connects now, so that a database refusing a second connection fails the start, not later. */
  static async open(orm: Orm, logger: Logger): Promise<ClusterLink> {
    const link = new ClusterLink(orm, logger);
    await link.connect();
    return link;
  }

  async listen(channel: string, listener: (payload: string) => void): Promise<void> {
    this.listeners.set(channel, listener);
    await this.session?.query(`listen ${channel}`);
  }

  onReconnect(listener: () => void): void {
    this.reconnected.push(listener);
  }

  async tryLock(name: string): Promise<boolean> {
    return this.session ? tryAdvisoryLock(this.session, name) : false;
  }

  /** A lock lost with its connection is already released; unlocking it is a no-op. */
  async unlock(name: string): Promise<void> {
    if (this.session) await advisoryUnlock(this.session, name);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.session?.close();
    this.session = null;
  }

  private async connect(): Promise<void> {
    const session = await PgSession.open(this.orm);
    try {
      for (const channel of this.listeners.keys()) await session.query(`listen ${channel}`);
    } catch (error) {
      await session.close();
      throw error;
    }
    if (this.closed) return session.close();
    this.session = session;
    session.onNotification((channel, payload) => this.listeners.get(channel)?.(payload));
    session.onLost((error) => {
      if (this.session !== session) return;
      this.session = null;
      this.logger.warn({ err: error }, 'lost the PostgreSQL connection for notifications and locks; reconnecting');
      void session.close();
      this.reconnect(RECONNECT_MIN_MS);
    });
  }

  private reconnect(delayMs: number): void {
    if (this.closed) return;
    this.retry = setTimeout(async () => {
      try {
        await this.connect();
        if (this.closed) return;
        this.logger.info('reconnected to PostgreSQL for notifications and locks');
        for (const listener of this.reconnected) listener();
      } catch (error) {
        this.logger.warn({ err: error, retry_ms: delayMs }, 'could not reconnect to PostgreSQL for notifications and locks');
        this.reconnect(Math.min(delayMs * 2, RECONNECT_MAX_MS));
      }
    }, delayMs);
    this.retry.unref();
  }
}
