import type { ChildProcess } from 'node:child_process';
import { SERVER_ENV, startProcess, stopProcess, type Ready } from '../bench/processes.js';

/** `baas start` as its own process on one data dir: killed without warning and started again, as a crash and a supervisor would. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  ready: Ready | null = null;
  kills = 0;

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<Ready> {
    const started = await startProcess(['bin/run.js', 'start', '--json'], { ...SERVER_ENV, BAAS_LOG_LEVEL: 'warn', ...this.env });
    this.child = started.child;
    this.ready = started.ready;
    return started.ready;
  }

  async kill(): Promise<void> {
    const child = this.child!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills++;
    this.child = null;
    this.ready = null;
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child);
    this.child = null;
  }
}
