import { randomBytes } from 'node:crypto';
import { invalidParameter, whatsappError } from './errors.js';
import { digitsOf } from './recipients.js';
import type { PhoneNumberRegistration, SentMessage, SimulatorState } from './state.js';
import { checkTemplate } from './templates.js';

/**
 * Validates a `POST /{phone-number-id}/messages` body as Meta does and records the message.
 * Only `template` and `text` messages are simulated; the 24 h window is not, texts always go.
 * `undeliverable`: the number was set up as not on WhatsApp — Meta accepts such a send and says
 * so later in a `failed` webhook.
 */
export function acceptMessage(
  state: SimulatorState,
  registration: PhoneNumberRegistration,
  body: Record<string, unknown>,
): { message: SentMessage; undeliverable: boolean } {
  if (body.messaging_product === undefined) throw invalidParameter('The parameter messaging_product is required.');
  if (body.messaging_product !== 'whatsapp') {
    throw invalidParameter(`Param messaging_product must be one of {WHATSAPP} - got "${String(body.messaging_product)}".`);
  }
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
    throw invalidParameter(`Param recipient_type must be one of {INDIVIDUAL} - got "${String(body.recipient_type)}".`);
  }
  if (body.to === undefined) throw invalidParameter('The parameter to is required.');
  const to = digitsOf(body.to);
  if (to === null) throw whatsappError(100, `Invalid WhatsApp recipient ${JSON.stringify(body.to)}: a phone number with its country code`);
  const callback = body.biz_opaque_callback_data;
  if (callback !== undefined && (typeof callback !== 'string' || callback.length > 512)) {
    throw invalidParameter('Param biz_opaque_callback_data must be a string of at most 512 characters.');
  }
  const type = body.type ?? 'text'; // Meta's default
  if (type !== 'template' && type !== 'text') {
    throw invalidParameter(`Param type "${String(type)}" is not simulated: only template and text messages are.`);
  }
  const template = type === 'template' ? checkTemplate(state.templates, body.template) : null;
  const text = type === 'text' ? textBody(body.text) : null;

  const recipient = state.recipients.get(to);
  const waId = recipient?.waId ?? to;
  const message: SentMessage = {
    id: wamid(waId),
    phone_number_id: registration.phone_number_id,
    to: body.to as string,
    wa_id: waId,
    type,
    template,
    text,
    biz_opaque_callback_data: callback ?? null,
    request: structuredClone(body),
    created_at: new Date().toISOString(),
    statuses: [],
  };
  state.messages.set(message.id, message);
  return { message, undeliverable: recipient?.behaviour === 'undeliverable' };
}

function textBody(value: unknown): string {
  const body = (value as { body?: unknown } | null)?.body;
  if (typeof body !== 'string' || body === '') throw invalidParameter("The parameter text['body'] is required.");
  return body;
}

/** Shaped like Meta's: base64 of a small record that starts with the wa_id (`wamid.HBgNNTUxMTk4…`). */
function wamid(waId: string): string {
  const unique = randomBytes(9).toString('hex').toUpperCase();
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, waId.length]),
    Buffer.from(waId),
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, unique.length]),
    Buffer.from(unique),
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}
