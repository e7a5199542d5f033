import { Timers } from '../timers.js';

/**
 * The work the simulator still owes after a response (status timers, webhook deliveries and
 * their retries): what idle() waits for and stop() cancels. Work started before a stop never
 * counts against the work after it, even if it settles late.
 */
export class Pending {
  private count = 0;
  private generation = 0;
  private waiters: (() => void)[] = [];
  private readonly timers = new Timers();
  private stopped: (() => void)[] = [];
  private aborter = new AbortController();
  private drainHook: () => void = () => {};

  /** Aborted by stop(): in-flight requests give up. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  /** Called when the last piece of work settles; work it starts keeps idle() waiting. */
  onDrain(hook: () => void): void {
    this.drainHook = hook;
  }

  track(work: () => Promise<void>): void {
    const generation = this.generation;
    this.count++;
    void work()
      .catch(() => undefined)
      .finally(() => generation === this.generation && this.settle());
  }

  /** A tracked timer; never resolves once stop() ran. */
  sleep(ms: number): Promise<void> {
    return this.timers.sleep(ms);
  }

  /** Resolves on stop() only (a request told to hang); not work idle() waits for. */
  untilStopped(): Promise<void> {
    return new Promise((resolve) => this.stopped.push(resolve));
  }

  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.generation++;
    this.timers.clear();
    this.aborter.abort();
    this.aborter = new AbortController();
    for (const release of this.stopped.splice(0)) release();
    this.count = 0;
    this.wake();
  }

  private settle(): void {
    if (--this.count > 0) return;
    this.drainHook();
    if (this.count === 0) this.wake();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
