import pino, { type Logger } from 'pino';
import type prettyType from 'pino-pretty';
import { currentTrace, traceFields } from '../modules/activity/trace.js';
import { lazyRequire } from '../shared/lazy-require.js';
import { redactLogFields } from '../shared/redact.js';

/** Only terminals get pretty lines: servers and JSON output need not load it. */
const pretty = lazyRequire<typeof prettyType>('pino-pretty');

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Pretty, human lines for a terminal; JSON lines otherwise (files, journald, CI). */
  pretty?: boolean;
  /** 1 for servers (stdout, where journald and docker look), 2 for commands. */
  fd: 1 | 2;
  /** Overrides fd: where tests collect the lines they assert on. */
  stream?: pino.DestinationStream;
}

const SERVER_CHUNK_BYTES = 4096;
const SERVER_FLUSH_MS = 200;

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    base: { app: 'baas' },
    // Our own redaction, by key at every depth, rather than pino's path list: the paths missed
    // what they did not spell out (a top-level password, a card number two levels down), and
    // pino's wildcard matcher cost ~13 µs on every line, a request's largest single cost.
    formatters: { log: redactLogFields },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line says which store, order, payment, job… it is about, as far as the work knows.
    mixin: () => traceFields(currentTrace()),
  };
  if (options.pretty) {
    return pino(base, pretty()({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app', destination: options.fd }));
  }
  return pino(base, options.stream ?? destination(options.fd));
}

/**
 * A command's lines go out as they are written. A server's go out in chunks of at least 4 KiB,
 * and at least every 200 ms (and on exit): under load, a write per line, each a trip to libuv's
 * thread pool, cost ~5 % of notification ingest.
 */
function destination(fd: 1 | 2): pino.DestinationStream {
  if (fd === 2) return pino.destination({ fd, sync: true });
  return pino.destination({ fd, sync: false, minLength: SERVER_CHUNK_BYTES, periodicFlush: SERVER_FLUSH_MS });
}
