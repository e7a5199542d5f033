import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { buildApp } from './app.js';
import type { Sim } from './context.js';
import { WhatsAppControls } from './controls.js';
import { Pending } from './pending.js';
import { SimulatorState, type ApprovedTemplate, type PhoneNumberRegistration } from './state.js';
import { WebhookSender } from './webhooks.js';

export { WhatsAppControls, type ConfigChanges, type FailureSpec, type RecipientSpec } from './controls.js';
export type {
  ApprovedTemplate,
  ChaosMode,
  MessageStatus,
  PhoneNumberRegistration,
  SentMessage,
  SimulatorConfig,
  SimulatorState,
  StatusEvent,
  WebhookRecord,
} from './state.js';

export interface WhatsAppSimulatorOptions {
  /**
   * Answers for a phone number id nobody registered through the controls, e.g. the per-store
   * sandbox numbers the baas server derives. Null: unknown (Graph error 100).
   */
  resolvePhoneNumber?: (phoneNumberId: string) => PhoneNumberRegistration | null;
  /** Approved at start and after every reset. */
  templates?: ApprovedTemplate[];
}

export interface WhatsAppSimulator {
  app: Koa;
  state: SimulatorState;
  controls: WhatsAppControls;
  /** Clears timers, aborts webhooks in flight and drops hanging requests. */
  stop(): void;
}

/** A WhatsApp Cloud API (Graph API) simulator as a Koa app, mountable under a prefix (`/sandbox/whatsapp`). */
export function createWhatsAppSimulator(options: WhatsAppSimulatorOptions = {}): WhatsAppSimulator {
  const state = new SimulatorState(options.templates ?? []);
  const pending = new Pending();
  const webhooks = new WebhookSender(state, pending);
  const sim: Sim = {
    state,
    pending,
    webhooks,
    resolvePhoneNumber: options.resolvePhoneNumber ?? (() => null),
    halt: () => {
      pending.stop();
      webhooks.forget();
    },
  };
  const controls = new WhatsAppControls(sim);
  return { app: buildApp(sim, controls), state, controls, stop: sim.halt };
}

/** Starts the simulator on 127.0.0.1 (`port` 0 = any free port). */
export async function startWhatsAppSimulator(
  port = 0,
  options: WhatsAppSimulatorOptions & { host?: string } = {},
): Promise<{ url: string; close(): Promise<void>; simulator: WhatsAppSimulator }> {
  const simulator = createWhatsAppSimulator(options);
  const server = createServer(simulator.app.callback());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    simulator,
    close: async () => {
      simulator.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
