import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';

/**
 * The last tick of each periodic task that ran on several instances sharing a database, and
 * which instance ran it: the instance that moves `tick` forward runs the task, the others skip
 * that tick. One row per task, so it never needs purging.
 */
export const CronTickSchema = defineEntity({
  name: 'CronTick',
  tableName: 'cron_ticks',
  properties: (p) => ({
    task: p.string().length(64).primary(),
    /** The scheduled time of the tick (not when it fired: instances fire milliseconds apart). */
    tick: p.datetime(),
    instance: p.string(),
  }),
});

export type CronTick = InferEntity<typeof CronTickSchema>;
