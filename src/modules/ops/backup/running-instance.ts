import { readdirSync, readlinkSync, realpathSync } from 'node:fs';

/**
 * Processes other than this one holding any of `files` open, read from /proc/<pid>/fd. A
 * running server always does: its SQLite connection stays open for the process's whole life
 * (knex keeps one, idle or not). So do `baas` commands while they run. Processes of other
 * users are invisible unless we are root; where /proc does not exist the answer is empty.
 */
export function processesHolding(files: string[]): number[] {
  const wanted = new Set(files.flatMap((file) => realPath(file) ?? []));
  if (wanted.size === 0) return [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  return pids.filter((pid) => holds(pid, wanted)).map(Number);
}

function holds(pid: string, wanted: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // gone since, or another user's
  }
  return fds.some((fd) => {
    try {
      return wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      return false;
    }
  });
}

function realPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/** Whether a baas server answers /healthz at this address (within a second). */
export async function healthAnswers(host: string, port: number): Promise<boolean> {
  const address = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}/healthz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000), redirect: 'manual' });
    const body = (await response.json()) as { status?: unknown };
    return response.ok && body.status === 'ok';
  } catch {
    return false;
  }
}
