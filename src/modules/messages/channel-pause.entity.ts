import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';
import { StoreSchema } from '../stores/store.entity.js';
import { CHANNELS } from './channel.js';

/**
 * A store's channel in one mode that stopped because its configuration is wrong (SMTP login,
 * WhatsApp token): its messages wait without spending attempts, one probe every so often
 * tries again, and `baas doctor` shows it until it works.
 */
export const ChannelPauseSchema = defineEntity({
  name: 'ChannelPause',
  tableName: 'channel_pauses',
  properties: (p) => ({
    id: p.string().primary(),
    store: p.manyToOne(StoreSchema),
    livemode: p.boolean(),
    channel: p.enum([...CHANNELS]),
    code: p.string().length(64),
    message: p.text(),
    pausedAt: p.datetime(),
    /** When the next message may try the channel again. */
    probeAt: p.datetime(),
  }),
  uniques: [{ properties: ['store', 'livemode', 'channel'] }],
});

export type ChannelPause = InferEntity<typeof ChannelPauseSchema>;
