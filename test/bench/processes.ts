import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What every measured server runs with: any port, limits out of the way of the load, webhooks to loopback allowed, Node's flags as installed. */
export const SERVER_ENV: NodeJS.ProcessEnv = {
  BAAS_PORT: '0',
  BAAS_RATE_LIMIT_PER_SECOND: '1000000',
  BAAS_RATE_LIMIT_BURST: '1000000',
  BAAS_HOOKS_RATE_LIMIT_PER_SECOND: '1000000',
  BAAS_HOOKS_RATE_LIMIT_BURST: '1000000',
  BAAS_WEBHOOK_ALLOW_PRIVATE: 'true',
  // As `npm start` and install.sh's launcher run it (README, "Memory").
  NODE_OPTIONS: '--max-semi-space-size=4',
};

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
    child.on('exit', (code, signal) =>
      reject(new Error(`${args.join(' ')} exited with ${code ?? signal} before it was ready:\n${buffer}`)),
    );
  });
}

/** SIGTERM, then wait for the exit (a graceful stop of a server, or the end of a simulator). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Runs `baas …` to completion and returns its stdout (JSON with --json); a non-zero exit throws. */
export function runBaas(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`baas ${args.join(' ')} exited with ${code}`))));
  });
}

export interface MercadoPagoStore {
  id: string;
  test_key: { secret: string };
}

/** A store with its own Mercado Pago credentials and webhook secret, created with the CLI as an operator would (the server may be running). */
export async function createMercadoPagoStore(
  dataDir: string,
  accessToken: string,
  webhookSecret: string,
  env: NodeJS.ProcessEnv = {},
): Promise<MercadoPagoStore> {
  const out = await runBaas(
    [
      'stores',
      'create',
      '--name',
      'Bench',
      '--currency',
      'BRL',
      '--locale',
      'pt-BR',
      '--json',
      '--mercadopago-token',
      accessToken,
      '--mercadopago-webhook-secret',
      webhookSecret,
    ],
    { ...env, BAAS_DATA_DIR: dataDir },
  );
  return JSON.parse(out) as MercadoPagoStore;
}
