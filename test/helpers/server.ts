import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startServer, type RunningServer } from '../../src/runtime/server.js';
import { withTestDatabase } from './test-database.js';
import { tempDir } from './temp-dir.js';

const running: RunningServer[] = [];

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Every log line the server wrote, as text (JSON lines). */
  logs: string[];
  request(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * The real server, in this process, on a random port, over a real SQLite file in a temp dir
 * (or, under `npm run test:postgres`, a fresh PostgreSQL database that goes with that dir).
 * Pass the same dataDir twice to simulate a restart.
 */
export async function startTestServer(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir('baas-server');
  const config = loadConfig(await withTestDatabase({ BAAS_DATA_DIR: dataDir, BAAS_PORT: '0', BAAS_LOG_LEVEL: 'error', ...options.env }));
  const logs: string[] = [];
  const stream = { write: (line: string) => void logs.push(line) };
  const server = await startServer(config, createLogger({ level: 'debug', fd: 2, stream }));
  running.push(server);
  return {
    ...server,
    dataDir,
    logs,
    request: (path, init) => fetch(`${server.url}${path}`, init),
  };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

/** The parsed JSON body; tests then assert its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = (response: Response): Promise<any> => response.json();
