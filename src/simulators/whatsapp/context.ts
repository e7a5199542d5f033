import type { Pending } from './pending.js';
import type { PhoneNumberRegistration, SimulatorState } from './state.js';
import type { WebhookSender } from './webhooks.js';

/** What every route needs: the store, the work still owed and the webhook sender. */
export interface Sim {
  state: SimulatorState;
  pending: Pending;
  webhooks: WebhookSender;
  /** Consulted for a phone number id nobody registered (the baas server derives one per store). */
  resolvePhoneNumber: (phoneNumberId: string) => PhoneNumberRegistration | null;
  /** Cancels everything pending: scheduled statuses, webhooks held, retrying or in flight, hanging requests. */
  halt(): void;
}

export function findPhoneNumber(sim: Sim, phoneNumberId: string): PhoneNumberRegistration | null {
  return sim.state.phoneNumbers.get(phoneNumberId) ?? sim.resolvePhoneNumber(phoneNumberId);
}
