import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Requests each upstream answered, by its URL. */
  served: Map<string, number>;
  close(): Promise<void>;
}

/**
 * What nginx's `upstream` block does in front of several instances, in a few lines: each
 * request goes to the next upstream in turn; one that refuses the connection (a dead instance)
 * is skipped for the next, as `proxy_next_upstream error` does; a request cut off halfway
 * answers 502. `upstreams` is read on every request, so instances can come and go.
 */
export async function startRoundRobinProxy(upstreams: () => string[]): Promise<RoundRobinProxy> {
  const served = new Map<string, number>();
  let next = 0;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const targets = upstreams();
    for (let tried = 0; tried < targets.length; tried++) {
      const target = targets[next++ % targets.length]!;
      const outcome = await forward(target, req, body, res);
      if (outcome === 'refused') continue;
      if (outcome === 'answered') served.set(target, (served.get(target) ?? 0) + 1);
      return;
    }
    res.writeHead(502).end('no upstream');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'answered' | 'refused' | 'cut'> {
  return new Promise((resolve) => {
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve('answered'));
      answer.on('error', () => {
        res.destroy();
        resolve('cut');
      });
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') return resolve('refused');
      if (!res.headersSent) res.writeHead(502).end('upstream cut off');
      else res.destroy();
      resolve('cut');
    });
    upstream.end(body);
  });
}
