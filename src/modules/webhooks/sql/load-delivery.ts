import { jsonColumn } from '../../../db/json-column.js';
import type { Reads } from '../../../db/reads.js';

/** What one delivery attempt needs about its event and endpoint, read in one statement. */
export interface DeliveryRow {
  eventType: string;
  eventData: Record<string, unknown>;
  eventCreatedAt: Date;
  orderId: string | null;
  paymentId: string | null;
  endpoint: {
    id: string;
    storeId: string;
    livemode: boolean;
    url: string;
    status: 'enabled' | 'disabled';
    secretCiphertext: string;
    secretKeyVersion: string;
    previousSecretCiphertext: string | null;
    previousSecretKeyVersion: string | null;
    previousSecretExpiresAt: Date | null;
    lastSuccessAt: Date | null;
    failingSince: Date | null;
  };
}

type Raw = Record<string, unknown>;
const date = (value: unknown) => (value == null ? null : new Date(value as string | number | Date));

/**
 * The hot path of every delivery: one indexed join instead of two ORM lookups (which cost
 * ~2 ms each on SQLite). Null when the event or the endpoint is gone.
 */
export async function loadDelivery(reads: Reads, eventId: string, endpointId: string): Promise<DeliveryRow | null> {
  const row = await reads.one<Raw>(
    `select e.type as event_type, e.data as event_data, e.created_at as event_created_at, e.order_id, e.payment_id, w.id, w.store_id, w.livemode, w.url, w.status,
            w.secret_ciphertext, w.secret_key_version, w.previous_secret_ciphertext, w.previous_secret_key_version,
            w.previous_secret_expires_at, w.last_success_at, w.failing_since
       from events e join webhook_endpoints w on w.id = ? where e.id = ?`,
    [endpointId, eventId],
  );
  if (!row?.id) return null;
  return {
    eventType: row.event_type as string,
    eventData: jsonColumn<Record<string, unknown>>(row.event_data),
    eventCreatedAt: date(row.event_created_at)!,
    orderId: (row.order_id as string | null) ?? null,
    paymentId: (row.payment_id as string | null) ?? null,
    endpoint: {
      id: row.id as string,
      storeId: row.store_id as string,
      livemode: Boolean(row.livemode),
      url: row.url as string,
      status: row.status as 'enabled' | 'disabled',
      secretCiphertext: row.secret_ciphertext as string,
      secretKeyVersion: row.secret_key_version as string,
      previousSecretCiphertext: (row.previous_secret_ciphertext as string | null) ?? null,
      previousSecretKeyVersion: (row.previous_secret_key_version as string | null) ?? null,
      previousSecretExpiresAt: date(row.previous_secret_expires_at),
      lastSuccessAt: date(row.last_success_at),
      failingSince: date(row.failing_since),
    },
  };
}
