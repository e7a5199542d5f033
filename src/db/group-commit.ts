interface Waiting<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: callers submit rows and wait until they are durable; rows that arrive while a
 * transaction is being written go together in the next one. The first row after a quiet
 * moment is written at once (no timer, no added latency); under load, one commit carries many
 * rows, which is what lets a single SQLite writer keep up. A failed batch fails each of its
 * callers, who then answer an error: nothing is acknowledged that was not committed.
 */
export class GroupCommit<T> {
  private queue: Waiting<T>[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Resolves once everything submitted so far is written (or failed). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((waiting) => waiting.item));
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
