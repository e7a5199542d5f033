/** Keys whose values never leave the process: credentials, card data, documents. */
const SECRET_KEY =
  /(authorization|password|passwd|secret|token|api_?key|master_?key|card_?number|security_?code|cvv|cvc|identification|signature|cookie)/i;
const EMAIL_KEY = /(^|_)(e-?mail|to)$/i;
const PHONE_KEY = /(^|_)(phone|whatsapp|wa_id|recipient_id)$/i;
const PHONE_LIKE = /^\+?\d[\d\s()-]{6,}$/;
/** 13–19 digits, maybe grouped: what a card number looks like wherever it turns up. */
const CARD_NUMBER = /\b(?:\d[ -]?){12,18}\d\b/g;

export const REDACTED = '[redacted]';
/**
 * Nesting shown in a log. A hostile body nests thousands of levels (valid JSON, refused by
 * validation); walking all of them overflowed the stack while the refusal was being logged.
 */
const MAX_DEPTH = 32;
export const TOO_DEEP = '[nested too deep]';

/** `ana.souza@example.com` → `a***@example.com`: enough to tell customers apart, not to write to them. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return REDACTED;
  return `${value[0]}***${value.slice(at)}`;
}

/** `+5511987654321` → `+551*******4321`. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return REDACTED;
  return `${value.startsWith('+') ? '+' : ''}${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** What a value under `key` may show in a log. */
export function redactField(key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key)) return REDACTED;
  if (typeof value !== 'string') return value;
  if (EMAIL_KEY.test(key) && value.includes('@')) return maskEmail(value);
  // A message's `to` is an address or a phone number.
  if (PHONE_KEY.test(key) || (EMAIL_KEY.test(key) && PHONE_LIKE.test(value))) return maskPhone(value);
  return value;
}

/**
 * A copy of `value` fit for a log: secrets blanked, e-mail addresses and phone numbers masked,
 * card-number-like digit runs removed from any string, by key at every depth.
 */
export function redact(value: unknown, key = '', depth = 0): unknown {
  const shown = redactField(key, value);
  if (shown !== value) return shown;
  if (typeof value === 'string') return value.replace(CARD_NUMBER, REDACTED);
  if (value instanceof Date) return value;
  if (value && typeof value === 'object' && depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redact(item, key, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k, depth + 1)]));
  }
  return value;
}

/** A log line's fields, redacted as `redact` does; errors stay whole for pino's serializer (type, stack). */
export function redactLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const key in fields) {
    const value = fields[key];
    shown[key] = value instanceof Error ? value : redact(value, key);
  }
  return shown;
}
