import type { IncomingMessage } from 'node:http';
import type { Next } from 'koa';
import type { BaasContext } from '../context.js';

/** How long a refused request's body is waited for, and how much of it is read, before the answer goes out anyway. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * A request refused before its body was read (too large, wrong content type, bad key…) is
 * answered once the body has arrived, discarding it. Otherwise Node closes the connection
 * (the client asked it to, or it cannot be reused) while the client is still sending; the
 * kernel then resets it, and the client sees a broken connection instead of our 413 or 415
 * (the fuzz scenario caught 2 in 10,000). Bounded, like nginx's lingering close: a client
 * that sends slowly, or far too much, gets its answer after LINGER_MS or LINGER_BYTES.
 */
export function awaitRequestBody() {
  return async (ctx: BaasContext, next: Next) => {
    await next();
    const req = ctx.req;
    if (!req.complete && !req.readableEnded && !req.destroyed && !req.socket.destroyed) await discardRest(req);
  };
}

function discardRest(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let read = 0;
    const finish = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', finish).off('error', finish).off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > LINGER_BYTES) finish();
    };
    const timer = setTimeout(finish, LINGER_MS);
    req.on('data', onData).once('end', finish).once('error', finish).once('close', finish);
    req.resume();
  });
}
