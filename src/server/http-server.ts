import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { EXIT, SetupError } from '../shared/errors.js';

export interface Listening {
  server: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish, then drops what is left at the deadline. */
  close(deadlineMs: number): Promise<void>;
}

/** Slow clients must not hold a worker forever (slowloris); keep-alive just beyond typical LBs. */
const HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 60_000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function listen(app: Koa<any, any>, host: string, port: number): Promise<Listening> {
  const server = createServer(app.callback());
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: (deadlineMs) => closeGracefully(server, deadlineMs),
  };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new SetupError(
      [`port: ${host}:${port} is already in use (is another baas running?). Fix: stop that process or set BAAS_PORT to a free port`],
      EXIT.unavailable,
    );
  }
  if (error.code === 'EACCES') {
    return new SetupError(
      [`port: not allowed to listen on ${host}:${port}. Fix: use a port above 1023 or run behind a reverse proxy`],
      EXIT.unavailable,
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new SetupError(
      [`host: ${host} is not an address of this machine. Fix: set BAAS_HOST to 127.0.0.1, 0.0.0.0 or one of its addresses`],
      EXIT.unavailable,
    );
  }
  return error;
}

async function closeGracefully(server: Server, deadlineMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() drops the connections idle right now; keep-alive connections whose request ends
  // later would otherwise linger until their keep-alive timeout, holding shutdown up.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const timer = setTimeout(() => server.closeAllConnections(), deadlineMs);
  timer.unref();
  await closed;
  clearInterval(sweep);
  clearTimeout(timer);
}
