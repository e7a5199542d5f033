import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of another process in MB: /proc on Linux, `ps` elsewhere. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024);
}

/** Samples a process's RSS every 100 ms while work runs, and keeps the peak. */
export class PeakRss {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pid: number) {}

  async during<T>(work: () => Promise<T>): Promise<T> {
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, rssMb(this.pid))), 100);
    try {
      return await work();
    } finally {
      clearInterval(this.timer);
      this.peak = Math.max(this.peak, rssMb(this.pid));
    }
  }

  get mb(): number {
    return this.peak;
  }
}
