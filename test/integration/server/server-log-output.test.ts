import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';

const LOGGER = resolve('src/runtime/logger.ts');

/** Runs `body` in a fresh process with a server's logger (stdout, buffered) as `logger`; answers its stdout lines as they come. */
function serverProcess(body: string) {
  const script = join(tempDir('baas-log'), 'server.ts');
  writeFileSync(
    script,
    `import { createLogger } from ${JSON.stringify(LOGGER)};\nconst logger = createLogger({ level: 'info', fd: 1 });\n${body}\n`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: { msg: string; at: number }[] = [];
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const part of parts) lines.push({ msg: (JSON.parse(part) as { msg: string }).msg, at: performance.now() });
  });
  const exited = new Promise<number | null>((done) => child.on('close', done));
  return { child, lines, exited };
}

describe("a server's log lines on stdout", () => {
  it('come out within a moment of being written, though the server stays quiet after', async () => {
    const server = serverProcess("logger.info('ready');\nsetInterval(() => undefined, 1000);");
    try {
      await expect.poll(() => server.lines.map((line) => line.msg), { timeout: 5000, interval: 20 }).toEqual(['ready']);
    } finally {
      server.child.kill();
    }
  });

  it('all come out when the process exits right after writing them', async () => {
    const server = serverProcess('for (let i = 0; i < 50; i++) logger.info(`line ${i}`);\nprocess.exit(0);');
    expect(await server.exited).toBe(0);
    expect(server.lines.map((line) => line.msg)).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i}`));
  });
});
