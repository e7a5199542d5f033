import type Koa from 'koa';

/**
 * Serves a yardstick app on a free loopback port and announces it the way startProcess waits
 * for (a `ready` line with its URL on stdout); on SIGTERM closes it, runs `cleanup` and exits.
 */
export function serveYardstick(app: Koa, cleanup: () => void = () => undefined): void {
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      `${JSON.stringify({ event: 'ready', url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`,
    );
  });
  process.on('SIGTERM', () =>
    server.close(() => {
      cleanup();
      process.exit(0);
    }),
  );
}
