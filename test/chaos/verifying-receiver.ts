import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Random } from './random.js';

/** Shares (0–1) of deliveries the storefront fails, each way a real one does. */
export interface ReceiverFaults {
  serverErrors: number;
  /** Never answered: baas gives up after its 15 s. */
  timeouts: number;
  resets: number;
}

export const NO_FAULTS: ReceiverFaults = { serverErrors: 0, timeouts: 0, resets: 0 };

/**
 * A storefront's webhook endpoints (one per path, each with its own secret) that verify every
 * delivery with the `standardwebhooks` package and accept each webhook-id once, as the guide
 * tells storefronts to; before that, `faults` decide whether this attempt fails.
 */
export class VerifyingReceiver {
  /** endpoint path → webhook-ids accepted there (each once). */
  readonly accepted = new Map<string, Set<string>>();
  readonly counts = { requests: 0, accepted: 0, duplicates: 0, forged: 0, serverErrors: 0, timeouts: 0, resets: 0 };
  private readonly secrets = new Map<string, Webhook>();
  private readonly held = new Set<Socket>();
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.answer(req.url ?? '/', req.headers as Record<string, string>, Buffer.concat(chunks).toString(), res));
  });

  private constructor(
    private readonly random: Random,
    private readonly faults: ReceiverFaults,
  ) {}

  static async start(random: Random, faults: ReceiverFaults = NO_FAULTS): Promise<VerifyingReceiver> {
    const receiver = new VerifyingReceiver(random, faults);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The secret baas answered when the endpoint at `path` was created. */
  trust(path: string, secret: string): void {
    this.secrets.set(path, new Webhook(secret));
    this.accepted.set(path, new Set());
  }

  acceptedAnywhere(): Set<string> {
    return new Set([...this.accepted.values()].flatMap((ids) => [...ids]));
  }

  async close(): Promise<void> {
    for (const socket of this.held) socket.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(path: string, headers: Record<string, string>, body: string, res: ServerResponse): void {
    this.counts.requests++;
    const roll = this.random();
    const { serverErrors, timeouts, resets } = this.faults;
    if (roll < serverErrors) {
      this.counts.serverErrors++;
      res.writeHead(roll < serverErrors / 2 ? 500 : 503).end('chaos');
      return;
    }
    if (roll < serverErrors + timeouts) {
      this.counts.timeouts++;
      this.held.add(res.socket!);
      return;
    }
    if (roll < serverErrors + timeouts + resets) {
      this.counts.resets++;
      res.socket!.resetAndDestroy();
      return;
    }
    const webhook = this.secrets.get(path);
    try {
      if (!webhook) throw new Error(`no endpoint at ${path}`);
      webhook.verify(body, headers);
    } catch {
      this.counts.forged++;
      res.writeHead(400).end('signature');
      return;
    }
    const ids = this.accepted.get(path)!;
    const id = headers['webhook-id']!;
    if (ids.has(id)) this.counts.duplicates++;
    else {
      ids.add(id);
      this.counts.accepted++;
    }
    res.writeHead(204).end();
  }
}
