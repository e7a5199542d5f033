import { Command } from '@oclif/core';
import { loadConfig, type Config } from '../config/load.js';
import { pendingMigrations } from '../db/migrate.js';
import { openInstance, type Instance } from '../runtime/instance.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { AppError, EXIT, SetupError } from '../shared/errors.js';

/**
 * What every `baas` command shares: `--json`, configuration resolved exactly as the server
 * resolves it, and failures printed as one clear line (or one JSON object) with a proper exit code.
 */
export abstract class BaasCommand extends Command {
  static override enableJsonFlag = true;

  protected loadBaasConfig(overrides: NodeJS.ProcessEnv = {}): Config {
    return loadConfig({ ...process.env, ...overrides });
  }

  protected createLogger(config: Config): Logger {
    // Commands talk to people: logs go to stderr so stdout stays clean for output and --json.
    return createLogger({ level: this.jsonEnabled() ? 'error' : config.logLevel, pretty: process.stderr.isTTY, fd: 2 });
  }

  /**
   * Runs `fn` with the services over the configured database, then closes it. Commands never
   * migrate behind the operator's back: a schema that is not current is a one-line error.
   */
  protected async withInstance<T>(fn: (instance: Instance) => Promise<T>): Promise<T> {
    const config = this.loadBaasConfig();
    const instance = await openInstance(config, this.createLogger(config), { migrate: false });
    try {
      const pending = await pendingMigrations(instance.orm);
      if (pending.length) {
        throw new SetupError(
          [`database: ${pending.length} migration(s) pending. Fix: run \`baas migrate\` (or start the server once)`],
          EXIT.config,
        );
      }
      return await fn(instance);
    } finally {
      await instance.close();
    }
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof SetupError) return this.failWith(error.problems, error.exitCode, 'setup_error');
    if (error instanceof AppError) return this.failWith([error.message], 1, error.code, error.param);
    return super.catch(error);
  }

  private failWith(lines: string[], exitCode: number, code: string, param?: string): void {
    if (this.jsonEnabled()) {
      process.stdout.write(
        `${JSON.stringify({ error: { code, message: lines.join('\n'), ...(param ? { param } : {}), problems: lines } })}\n`,
      );
    } else {
      for (const line of lines) process.stderr.write(`✗ ${line}\n`);
    }
    process.exitCode = exitCode;
  }
}
