import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../../runtime/logger.js';

export interface PeriodicTask {
  name: string;
  /** Cron expression with seconds, e.g. every 5 minutes: "0 *\/5 * * * *". */
  schedule: string;
  run: () => Promise<unknown>;
}

/**
 * Runs periodic housekeeping with node-cron. A task never overlaps itself, a failure is logged
 * and retried at the next tick, and stop() waits for runs in progress so shutdown loses nothing.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  start(periodic: PeriodicTask[]): void {
    for (const task of periodic) {
      if (!cron.validate(task.schedule)) throw new Error(`invalid cron expression for ${task.name}: ${task.schedule}`);
      this.tasks.push(cron.schedule(task.schedule, () => this.runOnce(task), { name: task.name, noOverlap: true }));
    }
  }

  async runOnce(task: PeriodicTask): Promise<void> {
    const run = task.run().then(
      (result) => this.logger.debug({ task: task.name, result }, 'periodic task done'),
      (error: unknown) => this.logger.error({ task: task.name, err: error }, 'periodic task failed'),
    );
    this.running.add(run);
    try {
      await run;
    } finally {
      this.running.delete(run);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks.length = 0;
    await Promise.all(this.running);
  }
}
