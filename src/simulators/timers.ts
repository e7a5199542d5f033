/** A simulator's timers, cancelled together by a reset or shutdown; none keeps the process alive. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  /** Resolves after `ms`, or never if clear() runs first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.pending.add(timer);
    });
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
