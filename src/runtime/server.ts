import type { Config } from '../config/load.js';
import { databaseMaintenance } from '../db/housekeeping.js';
import { Scheduler } from '../modules/jobs/scheduler.js';
import type { CreatedStore } from '../modules/stores/store.service.js';
import { createApp } from '../server/app.js';
import { listen } from '../server/http-server.js';
import { openInstance, type Instance } from './instance.js';
import type { Logger } from './logger.js';

/** In-flight requests and periodic tasks get this long to finish on shutdown. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export interface RunningServer {
  url: string;
  instance: Instance;
  /** Set when this start created the demo store (empty database). */
  demo: CreatedStore | null;
  stop(): Promise<void>;
}

/**
 * Starts everything `baas start` runs: migrations, the demo store on an empty database, the
 * HTTP server and the scheduler. The order matters: nothing listens before the schema is current.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const startedAt = new Date();
  const instance = await openInstance(config, logger, { migrate: true });
  let accepting = true;
  try {
    const demo = await instance.stores.provisionDemo();
    const { app } = createApp(instance, { accepting: () => accepting, startedAt });
    const listening = await listen(app, config.host, config.port);
    const scheduler = new Scheduler(logger);
    scheduler.start([databaseMaintenance(instance.orm, config.database.kind)]);
    logger.info({ url: listening.url, database: config.database.kind, ready_ms: Date.now() - startedAt.getTime() }, 'baas is ready');

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        accepting = false;
        logger.info('shutting down: finishing in-flight requests and tasks');
        await listening.close(SHUTDOWN_DEADLINE_MS);
        await scheduler.stop();
        await instance.close();
        logger.info('stopped');
      })());
    return { url: listening.url, instance, demo, stop };
  } catch (error) {
    await instance.close();
    throw error;
  }
}
