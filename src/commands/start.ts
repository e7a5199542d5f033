import { Flags } from '@oclif/core';
import { BaasCommand } from '../cli/base-command.js';
import { createLogger } from '../runtime/logger.js';
import { startServer, type RunningServer } from '../runtime/server.js';

/** Hard stop if a graceful shutdown hangs: the contract promises exit within 10 s. */
const FORCED_EXIT_MS = 10_000;

export default class Start extends BaasCommand {
  static override summary = 'Run the API server with the job runner and the cron scheduler';
  static override description = `Applies pending migrations, then serves the HTTP API, the inbound provider hooks and the
sandbox simulators. On an empty database it creates a "Demo Store" in test mode and prints its
secret key once. SIGTERM or SIGINT (Ctrl-C) stops it gracefully: no new requests, in-flight work
finishes, the database is closed.`;

  static override examples = [
    { description: 'Start with the configuration from the environment and files', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Listen on another port', command: '<%= config.bin %> <%= command.id %> --port 8080' },
    { description: 'Machine-readable start-up line (url, demo store)', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  static override flags = {
    port: Flags.integer({ description: 'TCP port to listen on (overrides BAAS_PORT)', min: 0, max: 65535 }),
    host: Flags.string({ description: 'address to listen on (overrides BAAS_HOST)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Start);
    const config = this.loadBaasConfig({
      ...(flags.port !== undefined ? { BAAS_PORT: String(flags.port) } : {}),
      ...(flags.host ? { BAAS_HOST: flags.host } : {}),
    });
    const logger = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY, fd: 1 });
    const running = await startServer(config, logger);
    // Handlers go in before the ready line: a supervisor may signal as soon as it sees it.
    const stopped = new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'signal received');
        setTimeout(() => {
          logger.error(`shutdown took longer than ${FORCED_EXIT_MS / 1000} s; exiting anyway`);
          process.exit(1);
        }, FORCED_EXIT_MS).unref();
        running.stop().then(resolve, (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exitCode = 1;
          resolve();
        });
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    });
    this.announce(running);
    await stopped;
  }

  private announce({ url, demo, instance }: RunningServer): void {
    if (this.jsonEnabled()) {
      const event = {
        event: 'ready',
        url,
        demo_store: demo ? { id: demo.store.id, name: demo.store.name, secret_key: demo.testKey.secret } : null,
      };
      process.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const lines = [``, `  baas is listening on ${url}  (data: ${instance.config.dataDir})`];
    if (demo) {
      lines.push(
        ``,
        `  Created the demo store "${demo.store.name}" (${demo.store.id}) in test mode.`,
        `  Its secret key, shown only this once:`,
        ``,
        `    ${demo.testKey.secret}`,
        ``,
        `  Try it:`,
        `    curl -s ${url}/v1/orders -H "Authorization: Bearer ${demo.testKey.secret}"`,
      );
    }
    lines.push(``, `  Health: ${url}/healthz   API reference: ${url}/openapi.json   Stop: Ctrl-C`, ``);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
