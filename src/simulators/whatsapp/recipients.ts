/** `to` as the Graph API reads it: `+`, spaces, dashes and parentheses dropped; 8 to 15 digits, or null. */
export function digitsOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = value.replace(/[\s()+-]/g, '');
  return /^\d{8,15}$/.test(digits) ? digits : null;
}

/**
 * The wa_id some accounts answer under instead of the number sent to (reference §6): old
 * Brazilian accounts without the mobile 9, Mexico with 521, Argentina with 549. Null when the
 * number has no such variant.
 */
export function legacyWaId(digits: string): string | null {
  const brazil = /^55(\d{2})9(\d{8})$/.exec(digits);
  if (brazil) return `55${brazil[1]}${brazil[2]}`;
  const mexico = /^52(\d{10})$/.exec(digits);
  if (mexico) return `521${mexico[1]}`;
  const argentina = /^54(\d{10})$/.exec(digits);
  return argentina ? `549${argentina[1]}` : null;
}
