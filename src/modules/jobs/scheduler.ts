import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../../runtime/logger.js';

export interface PeriodicTask {
  name: string;
  /** Cron expression with seconds, e.g. every 5 minutes: "0 *\/5 * * * *". */
  schedule: string;
  /**
   * Runs on every instance at each tick because it acts on this process (wakes its runner,
   * writes what it holds in memory). Otherwise, with a TickCoordinator, one instance runs each tick.
   */
  everyInstance?: boolean;
  run: () => Promise<unknown>;
}

/** Decides which of the instances sharing a database runs a tick of a task. */
export interface TickCoordinator {
  /** When this instance is to run `tick` of `task`: what to call once it ran. Null when it is not. */
  acquire(task: string, tick: Date): Promise<(() => Promise<unknown>) | null>;
}

/**
 * Runs periodic housekeeping with node-cron. A task never overlaps itself, a failure is logged
 * and retried at the next tick, and stop() waits for runs in progress so shutdown loses nothing.
 * Without a coordinator (SQLite: one instance) every task runs at every tick.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly logger: Logger,
    private readonly coordinator?: TickCoordinator,
  ) {}

  start(periodic: PeriodicTask[]): void {
    for (const task of periodic) {
      if (!cron.validate(task.schedule)) throw new Error(`invalid cron expression for ${task.name}: ${task.schedule}`);
      this.tasks.push(cron.schedule(task.schedule, (context) => this.tick(task, context.date), { name: task.name, noOverlap: true }));
    }
  }

  /** `tick` is the scheduled time, the same on every instance, not the moment this one fired. */
  private async tick(task: PeriodicTask, tick: Date): Promise<void> {
    const run = this.runOnce(task, tick);
    this.running.add(run);
    try {
      await run;
    } finally {
      this.running.delete(run);
    }
  }

  private async runOnce(task: PeriodicTask, tick: Date): Promise<void> {
    const coordinator = task.everyInstance ? undefined : this.coordinator;
    const release = coordinator ? await coordinator.acquire(task.name, tick) : undefined;
    if (release === null) return;
    const scope = coordinator ? 'cluster' : 'instance';
    try {
      const result = await task.run();
      this.logger.debug({ task: task.name, tick: tick.toISOString(), scope, result }, 'periodic task done');
    } catch (error) {
      this.logger.error({ task: task.name, tick: tick.toISOString(), scope, err: error }, 'periodic task failed');
    } finally {
      await release?.();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks.length = 0;
    await Promise.all(this.running);
  }
}
