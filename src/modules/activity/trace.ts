import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids a piece of work concerns, known so far: what every log line and activity row it writes carries. */
export interface Trace {
  requestId?: string;
  storeId?: string;
  livemode?: boolean;
  orderId?: string;
  paymentId?: string;
  messageId?: string;
  eventId?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<Trace>();

/** Runs `work` with these ids (over the caller's) as its trace; whatever it awaits inherits them. */
export function traced<T>(trace: Trace, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...trace }, work);
}

/**
 * Adds what the work has just learnt (the store, once the key is checked; the payment, once it
 * is loaded) to the current trace, so what it logs from now on says so. Outside a trace, nothing.
 */
export function traceAlso(ids: Trace): void {
  const current = storage.getStore();
  if (!current) return;
  for (const [key, value] of Object.entries(ids)) if (value != null) (current as Record<string, unknown>)[key] = value;
}

export function currentTrace(): Trace | undefined {
  return storage.getStore();
}

/** The trace as log fields (snake_case, as every other field of our lines). */
export function traceFields(trace: Trace | undefined): Record<string, string | boolean> {
  if (!trace) return {};
  const fields: Record<string, string | boolean> = {};
  if (trace.storeId) fields.store_id = trace.storeId;
  if (trace.orderId) fields.order_id = trace.orderId;
  if (trace.paymentId) fields.payment_id = trace.paymentId;
  if (trace.messageId) fields.message_id = trace.messageId;
  if (trace.eventId) fields.event_id = trace.eventId;
  if (trace.jobId) fields.job_id = trace.jobId;
  return fields;
}
