import { titleOf } from './errors.js';
import type { PhoneNumberRegistration, SentMessage, StatusError, StatusEvent } from './state.js';

/** A status webhook body exactly as Meta sends it (reference §4). */
export function statusPayload(registration: PhoneNumberRegistration, message: SentMessage, event: StatusEvent) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: registration.waba_id ?? `waba-${registration.phone_number_id}`,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: registration.display_phone_number, phone_number_id: registration.phone_number_id },
              statuses: [statusItem(message, event)],
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

function statusItem(message: SentMessage, event: StatusEvent) {
  const priced = event.status === 'sent' || event.status === 'delivered';
  return {
    id: message.id,
    status: event.status,
    timestamp: event.timestamp,
    recipient_id: message.wa_id,
    ...(message.biz_opaque_callback_data === null ? {} : { biz_opaque_callback_data: message.biz_opaque_callback_data }),
    // Templates we send are UTILITY; a free-form text inside the window is a service message.
    ...(priced ? { pricing: { billable: true, pricing_model: 'PMP', category: message.type === 'template' ? 'utility' : 'service' } } : {}),
    ...(event.errors ? { errors: event.errors } : {}),
  };
}

/** An entry of `statuses[].errors[]`. */
export function statusError(code: number, details?: string): StatusError {
  const title = titleOf(code);
  return {
    code,
    title,
    message: title,
    error_data: { details: details ?? title },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  };
}
