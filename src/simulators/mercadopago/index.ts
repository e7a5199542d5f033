import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { buildApp } from './app.js';
import type { Sim } from './context.js';
import { MercadoPagoControls } from './controls.js';
import { Notifier } from './notifications.js';
import { SimulatorState } from './state.js';

export { MercadoPagoControls, type FailureSpec } from './controls.js';
export { signatureHeader, signManifest } from './signature.js';
export { OUTCOMES } from './outcomes.js';
export type { NotificationRecord, Payment, Preference, Refund, SimulatorConfig, SimulatorState } from './state.js';

export interface MercadoPagoSimulator {
  app: Koa;
  state: SimulatorState;
  controls: MercadoPagoControls;
  /** Stops timers (delayed notifications, retries, hangs); the app answers nothing afterwards that needs them. */
  stop(): void;
}

/**
 * A Mercado Pago API simulator as a Koa app. `baseUrl` is where it is reachable from a browser
 * or the server (e.g. `http://127.0.0.1:4000/sandbox/mercadopago` when mounted); without it the
 * request's origin is used, which is right only when the app is served at the root.
 */
export function createMercadoPagoSimulator(options: { baseUrl?: string } = {}): MercadoPagoSimulator {
  const state = new SimulatorState(options.baseUrl?.replace(/\/+$/, '') ?? null);
  const sim: Sim = { state, notifier: new Notifier(state) };
  const controls = new MercadoPagoControls(sim);
  const hangs = new Set<NodeJS.Timeout>();
  const app = buildApp(sim, controls, hangs);
  return {
    app,
    state,
    controls,
    stop: () => {
      sim.notifier.stop();
      for (const timer of hangs) clearTimeout(timer);
      hangs.clear();
    },
  };
}

/** Starts the simulator on 127.0.0.1 (`port` 0 = any free port). */
export async function startMercadoPagoSimulator(
  port = 0,
  options: { host?: string } = {},
): Promise<{ url: string; close(): Promise<void>; simulator: MercadoPagoSimulator }> {
  const simulator = createMercadoPagoSimulator();
  const server = createServer(simulator.app.callback());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  simulator.state.config.baseUrl = url;
  // reset() keeps the configured base URL, so init_point stays right after a reset.
  return {
    url,
    simulator,
    close: async () => {
      simulator.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
