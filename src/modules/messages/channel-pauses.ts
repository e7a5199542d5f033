import { UniqueConstraintViolationException } from '../../db/mikro-orm.js';
import { dbDate, type Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import type { ChannelName } from './channel.js';
import { ChannelPauseSchema, type ChannelPause } from './channel-pause.entity.js';
import { SEND_MESSAGE } from './queue-message.js';

/** How often one message of a paused channel tries again, in case the problem went away on its own. */
export const PROBE_EVERY_MS = 5 * 60_000;

export interface ChannelKey {
  storeId: string;
  livemode: boolean;
  channel: ChannelName;
}

/** open: send (as the probe of a paused channel when `probe`); closed: wait until `until` without spending an attempt. */
export type Gate = { open: true; probe: boolean } | { open: false; until: Date };

/**
 * Channels paused because their configuration is wrong. While paused, messages wait; every
 * PROBE_EVERY_MS exactly one of them is let through to find out whether it works again.
 */
export class ChannelPauses {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  async gate(key: ChannelKey): Promise<Gate> {
    const em = this.orm.em.fork();
    const pause = await em.findOne(ChannelPauseSchema, where(key));
    if (!pause) return { open: true, probe: false };
    const now = this.clock.now();
    if (pause.probeAt > now) return { open: false, until: pause.probeAt };
    const next = new Date(now.getTime() + PROBE_EVERY_MS);
    // Only the message that moves probe_at on is the probe; the others wait for its verdict.
    const claimed = await em.nativeUpdate(ChannelPauseSchema, { id: pause.id, probeAt: { $lte: now } }, { probeAt: next });
    return claimed === 1 ? { open: true, probe: true } : { open: false, until: next };
  }

  async pause(key: ChannelKey, problem: { code: string; message: string }): Promise<void> {
    const now = this.clock.now();
    const em = this.orm.em.fork();
    const probeAt = new Date(now.getTime() + PROBE_EVERY_MS);
    const updated = await em.nativeUpdate(ChannelPauseSchema, where(key), { ...problem, probeAt });
    if (updated > 0) return;
    try {
      em.create(ChannelPauseSchema, {
        id: newId('cpa'),
        store: key.storeId,
        livemode: key.livemode,
        channel: key.channel,
        ...problem,
        pausedAt: now,
        probeAt,
      });
      await em.flush();
    } catch (error) {
      // Another message paused it at the same moment: paused it is.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }

  /** The probe went through: the channel works again and its waiting messages go now. */
  async lift(key: ChannelKey): Promise<void> {
    const em = this.orm.em.fork();
    if ((await em.nativeDelete(ChannelPauseSchema, where(key))) > 0) await this.releaseWaiting(key.storeId);
  }

  /** The operator changed the store's credentials: every pause of it is lifted at once. Returns how many were. */
  async resumeStore(storeId: string): Promise<number> {
    const lifted = await this.orm.em.fork().nativeDelete(ChannelPauseSchema, { store: storeId });
    if (lifted > 0) await this.releaseWaiting(storeId);
    return lifted;
  }

  async list(): Promise<ChannelPause[]> {
    return this.orm.em.fork().find(ChannelPauseSchema, {}, { orderBy: { pausedAt: 'asc' } });
  }

  /** Messages deferred by the pause are due now (the running server's sweep picks them up). */
  private async releaseWaiting(storeId: string): Promise<void> {
    const em = this.orm.em.fork();
    const now = dbDate(em, this.clock.now());
    await em.execute(
      `update jobs set run_at = ?, updated_at = ? where type = ? and store_id = ? and status = 'queued' and run_at > ?`,
      [now, now, SEND_MESSAGE, storeId, now],
      'run',
    );
  }
}

function where(key: ChannelKey) {
  return { store: key.storeId, livemode: key.livemode, channel: key.channel };
}
