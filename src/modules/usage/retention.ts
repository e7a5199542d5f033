import type { Config } from '../../config/load.js';

/** How long the tables usage counts from keep their rows (the settings BAAS_ACTIVITY_RETENTION_DAYS and BAAS_WEBHOOK_ATTEMPT_RETENTION_DAYS). */
export type Retention = Pick<Config, 'activityRetentionDays' | 'webhookAttemptRetentionDays'>;

/** From when the purged tables surely hold every row: anything older may be gone. */
export interface KeptSince {
  requests: Date;
  deliveries: Date;
}

const DAY_MS = 24 * 3600_000;

export function keptSince(now: Date, retention: Retention): KeptSince {
  return {
    requests: new Date(now.getTime() - retention.activityRetentionDays * DAY_MS),
    deliveries: new Date(now.getTime() - retention.webhookAttemptRetentionDays * DAY_MS),
  };
}
