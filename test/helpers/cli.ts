import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withKnownTestDatabase } from './test-database.js';

export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `baas` (bin/run.js over dist/) as a user would, with a clean environment:
 * only PATH/HOME plus what the test passes (and the database that goes with its data dir).
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BAAS_LOG_LEVEL: 'error', ...withKnownTestDatabase(options.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  url: string;
  ready: { url: string; demo_store: { id: string; secret_key: string } | null };
  child: ReturnType<typeof spawn>;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `baas start --json` as a child process and resolves once it printed its ready line. */
export function spawnServer(env: NodeJS.ProcessEnv, cwd?: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'start', '--json'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BAAS_LOG_LEVEL: 'info', BAAS_PORT: '0', ...withKnownTestDatabase(env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not become ready:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.includes('"event":"ready"'));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line);
      resolve({ url: ready.url, ready, child, output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before ready:\n${output}`));
    });
  });
}
