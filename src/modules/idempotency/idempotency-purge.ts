import { inBatches } from '../../db/in-batches.js';
import type { PeriodicTask } from '../jobs/scheduler.js';
import type { IdempotencyService } from './idempotency.service.js';

const BATCH = 500;

/** Hourly, expired idempotency keys go, a small batch at a time so writers never wait long. */
export function idempotencyPurge(service: IdempotencyService): PeriodicTask {
  return {
    name: 'idempotency-purge',
    schedule: '0 7 * * * *',
    run: async () => ({ purged: await inBatches(BATCH, (batch) => service.purgeExpired(batch)) }),
  };
}
