import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMercadoPagoSimulator, type MercadoPagoSimulator } from '../../src/simulators/mercadopago/index.js';

export interface CountingSimulator {
  url: string;
  simulator: MercadoPagoSimulator;
  /** GET /v1/payments/:id calls, by MP payment id: the side effect of each notification job's run. */
  reads: Map<string, number>;
  close(): Promise<void>;
}

/** The Mercado Pago simulator on its own port, outliving the instances, counting the payment reads it serves. */
export async function startCountingSimulator(): Promise<CountingSimulator> {
  const simulator = createMercadoPagoSimulator();
  const reads = new Map<string, number>();
  const handle = simulator.app.callback();
  const server = createServer((req, res) => {
    const read = req.method === 'GET' ? /^\/v1\/payments\/(\d+)(?:\?|$)/.exec(req.url ?? '') : null;
    if (read) reads.set(read[1]!, (reads.get(read[1]!) ?? 0) + 1);
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  simulator.state.config.baseUrl = url;
  return {
    url,
    simulator,
    reads,
    close: async () => {
      simulator.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
