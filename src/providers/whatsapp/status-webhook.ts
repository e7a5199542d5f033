import { invalidRequest } from '../../shared/errors.js';
import { arrayOf, asObject, text } from './json.js';

export const WHATSAPP_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type WhatsAppStatus = (typeof WHATSAPP_STATUSES)[number];

export interface StatusError {
  code: number;
  title: string | null;
  message: string | null;
  details: string | null;
}

/** One `statuses[]` item of Meta's webhook (reference §4), in our words. */
export interface StatusUpdate {
  wamid: string;
  status: WhatsAppStatus;
  at: Date;
  /** The customer's wa_id; may be absent once business-scoped user ids replace it. */
  recipientId: string | null;
  /** Our message id as we sent it in `biz_opaque_callback_data`: matches a status that beat our commit of the wamid. */
  callbackData: string | null;
  phoneNumberId: string | null;
  /** Only on `failed`: classify with classifyWhatsAppFailure({ kind: 'graph', ...error }). */
  errors: StatusError[];
}

/**
 * Every status update in a webhook body, in the order they came: one POST may carry several
 * entries, changes and statuses. Everything else (incoming messages, other fields, a status
 * value added after this was written, an item missing its id or time) is skipped: Meta sends
 * far more than statuses to the same URL, and none of it may fail the delivery.
 *
 * A body that is not a WhatsApp Business Account webhook at all throws the contract's 400
 * (`invalid_whatsapp_webhook`), so the hook route can let it propagate.
 */
export function parseStatusWebhook(body: unknown): StatusUpdate[] {
  const root = asObject(body);
  if (root?.object !== 'whatsapp_business_account' || !Array.isArray(root.entry)) {
    throw invalidRequest(
      'invalid_whatsapp_webhook',
      'Not a WhatsApp Business Account webhook: expected object "whatsapp_business_account" and entry[].',
    );
  }
  const updates: StatusUpdate[] = [];
  for (const entry of root.entry) {
    for (const change of arrayOf(asObject(entry)?.changes)) {
      const { field, value } = asObject(change) ?? {};
      const data = asObject(value);
      if (field !== 'messages' || !data) continue;
      const phoneNumberId = text(asObject(data.metadata)?.phone_number_id);
      for (const status of arrayOf(data.statuses)) {
        const update = statusUpdate(asObject(status), phoneNumberId);
        if (update) updates.push(update);
      }
    }
  }
  return updates;
}

function statusUpdate(item: Record<string, unknown> | undefined, phoneNumberId: string | null): StatusUpdate | null {
  const wamid = text(item?.id);
  const status = text(item?.status);
  const seconds = text(item?.timestamp);
  if (!item || !wamid || !isStatus(status) || !seconds || !/^\d+$/.test(seconds)) return null;
  return {
    wamid,
    status,
    at: new Date(Number(seconds) * 1000),
    recipientId: text(item.recipient_id),
    callbackData: text(item.biz_opaque_callback_data),
    phoneNumberId,
    errors: arrayOf(item.errors).flatMap((error) => {
      const e = asObject(error);
      if (typeof e?.code !== 'number') return [];
      return [{ code: e.code, title: text(e.title), message: text(e.message), details: text(asObject(e.error_data)?.details) }];
    }),
  };
}

function isStatus(value: string | null): value is WhatsAppStatus {
  return (WHATSAPP_STATUSES as readonly (string | null)[]).includes(value);
}
