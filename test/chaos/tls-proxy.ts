import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * The TLS-terminating reverse proxy a VPS puts in front of baas (Caddy, nginx), on a port that
 * outlives the server's restarts. Mercado Pago only notifies https URLs, so BAAS_PUBLIC_URL
 * points here; while no server is up it answers 502, as a real proxy would, and MP retries.
 */
export class TlsProxy {
  /** The server currently behind the proxy, or null while it is down. */
  target: URL | null = null;
  readonly certPath: string;
  private readonly server;

  private constructor(dir: string) {
    this.certPath = join(dir, 'proxy.crt');
    const keyPath = join(dir, 'proxy.key');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', this.certPath,
    ], { stdio: 'ignore' }); // prettier-ignore
    this.server = createServer({ key: readFileSync(keyPath), cert: readFileSync(this.certPath) }, (req, res) => {
      const target = this.target;
      if (!target) {
        req.resume();
        res.writeHead(502).end('no upstream');
        return;
      }
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
  }

  /** Makes a self-signed certificate for 127.0.0.1 in `dir` (clients trust it with NODE_EXTRA_CA_CERTS) and listens. */
  static async start(dir: string): Promise<TlsProxy> {
    const proxy = new TlsProxy(dir);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
