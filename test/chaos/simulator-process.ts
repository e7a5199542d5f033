import type { ChildProcess } from 'node:child_process';
import { startProcess, stopProcess } from '../bench/processes.js';

/** The Mercado Pago simulator in its own process (it outlives the server's crashes, as MP does), driven over its controls. */
export class SimulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(env: NodeJS.ProcessEnv = {}): Promise<SimulatorProcess> {
    const { child, ready } = await startProcess(['--import', 'tsx', 'test/bench/mp-simulator.ts'], env);
    return new SimulatorProcess(child, ready.url);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async control(path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.url}/__control${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }

  stop(): Promise<void> {
    return stopProcess(this.child);
  }
}
