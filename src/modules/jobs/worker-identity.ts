import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Who holds a lease: host, process and a random part (two runners in one process differ). */
export function workerIdentity(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * True when `owner` was a worker on this host whose process is gone (killed, crashed): its
 * jobs can be taken back now instead of when their lease expires. A reused pid only makes us
 * wait for the lease, the safe side.
 */
export function isDeadLocalWorker(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
