import type { Instance } from '../../runtime/instance.js';
import type { Logger } from '../../runtime/logger.js';
import type { Job } from './job.entity.js';

export interface JobContext {
  job: Job;
  log: Logger;
}

/**
 * How one type of job runs. Handlers may run more than once for the same job (a worker can die
 * after the effect and before recording it), so each must be idempotent or guarded.
 */
export interface JobHandler {
  type: string;
  maxAttempts: number;
  /** Delay before attempt `attempt + 1`, given that `attempt` (1-based) just failed. */
  retryDelayMs(attempt: number): number;
  run(payload: Record<string, unknown>, context: JobContext): Promise<void>;
}

export type JobHandlerFactory = (instance: Instance) => JobHandler;

/** Exponential backoff with ±10% jitter so retries of many jobs do not arrive in lockstep. */
export function exponentialBackoff(baseMs: number, maxMs: number, random: () => number = Math.random): (attempt: number) => number {
  return (attempt) => {
    const delay = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(delay * (0.9 + random() * 0.2));
  };
}
