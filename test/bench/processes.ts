import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Ready {
  url: string;
  demo_store?: { id: string; secret_key: string } | null;
}

export function startProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.includes('"event":"ready"'));
      if (!line) return;
      // From here on the server's log lines are drained unread: scanning them here would make
      // this process (which also generates the load) the bottleneck being measured.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ child, ready: JSON.parse(line) });
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}
